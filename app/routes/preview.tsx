// Resource route for the composer's live preview (JavaScript only; without it the Preview
// button posts the form to its own page). Origin-checked like every POST. The same guard and
// notices as posting, throttled per member (server/forums/preview.ts); when throttled it says
// so with 429 and the composer keeps the last preview.
import type { Route } from "./+types/preview";
import { servicesContext } from "#app/context.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { isTooManyAttempts } from "#server/errors.ts";

export async function action({ context, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const form = await readForm(request);
  const body = form.get("body");
  try {
    return Response.json(await context.get(servicesContext).media.preview(visitor.member.id, typeof body === "string" ? body : ""));
  } catch (err) {
    if (!isTooManyAttempts(err)) throw err;
    return Response.json({ html: null, notices: [], throttled: true }, { status: 429, headers: { "Retry-After": String(err.retryAfterSeconds) } });
  }
}
