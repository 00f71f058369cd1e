// GET /settings/privacy/export.json and /settings/privacy/export.html: everything Hearth holds
// about the member (server/privacy/export.ts), written as it is read and never kept anywhere.
// Like the evidence log's downloads (evidence-export.ts): an attachment, never run as a page
// (a sandboxing CSP that allows nothing), never cached (no-store is on every dynamic response,
// server/http/security-headers.ts), and only for a request from Hearth's own pages or one the
// member typed: another site sending the member's browser here gets the page, not a file in
// their downloads that holds their posts and their decrypted evidence log.
import { redirect } from "react-router";
import type { Route } from "./+types/settings-privacy-export";
import { servicesContext } from "#app/context.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { isForbidden, isTooManyAttempts } from "#server/errors.ts";
import { webStream } from "#server/privacy/stream.ts";

const OWN = new Set(["same-origin", "none"]);

export async function loader({ context, request }: Route.LoaderArgs) {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && !OWN.has(site)) throw redirect("/settings/privacy");
  const visitor = requireMember(context);
  const html = new URL(request.url).pathname.endsWith(".html");
  const who = { actor: visitor.member, token: visitor.sessionToken() };
  let chunks: AsyncGenerator<string>;
  let first: IteratorResult<string>;
  try {
    chunks = context.get(servicesContext).privacy.memberExport(who, html ? "html" : "json", visitor.locale, { discreet: visitor.discreet });
    // The first chunk comes after the per-member limit: a refusal is the member's data page,
    // saying how long to wait, not a file.
    first = await chunks.next();
  } catch (err) {
    if (isForbidden(err)) throw httpError(403);
    if (isTooManyAttempts(err)) throw redirect(`/settings/privacy?wait=${Math.max(1, Math.ceil(err.retryAfterSeconds / 60))}#download`);
    throw err;
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(webStream(resumed(first, chunks)), {
    headers: {
      "Content-Type": html ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
      // In discreet mode the name in the downloads bar and folder does not say Hearth either.
      "Content-Disposition": `attachment; filename="${visitor.discreet ? "notes" : "hearth-data"}-${day}.${html ? "html" : "json"}"`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

async function* resumed(first: IteratorResult<string>, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}
