// GET /settings/evidence/export.json and /settings/evidence/export.csv: the whole log as a file
// to download and hand on (server/evidence/export.ts), made from this session's key and never
// kept anywhere. Sent as an attachment, never run as a page; never cached (Cache-Control: no-store
// is on every dynamic response already, server/http/security-headers.ts: said twice, it reads
// "no-store, no-store").
import { redirect } from "react-router";
import type { Route } from "./+types/evidence-export";
import { evidenceVisitor, inOpenLog } from "./evidence-load.server.ts";

// Another site may send the member's browser here (a link, a script setting location): the
// cookie goes along on a top-level GET, and the decrypted log would land in their downloads
// unasked. Only a request from Hearth's own pages, or one the member typed or bookmarked
// (Sec-Fetch-Site "none"), gets the file; anything else is sent to the log's page.
const OWN = new Set(["same-origin", "none"]);

export async function loader({ context, request }: Route.LoaderArgs) {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && !OWN.has(site)) throw redirect("/settings/evidence");
  const { visitor, who, evidence } = evidenceVisitor(context);
  const csv = new URL(request.url).pathname.endsWith(".csv");
  const body = await inOpenLog(() => (csv ? evidence.exportCsv(who, visitor.locale) : evidence.exportJson(who)));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="hearth-evidence-${day}.${csv ? "csv" : "json"}"`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
