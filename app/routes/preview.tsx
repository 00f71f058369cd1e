// Resource route for the composer's live preview (JavaScript only; without it the Preview
// button posts the form to its own page). Origin-checked like every POST.
import type { Route } from "./+types/preview";
import { servicesContext } from "#app/context.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";

export async function action({ context, request }: Route.ActionArgs) {
  requireMember(context);
  const form = await readForm(request);
  const body = form.get("body");
  return Response.json({ html: await context.get(servicesContext).media.preview(typeof body === "string" ? body : "") });
}
