// GET /settings/evidence/export.json and /settings/evidence/export.csv: the whole log as a file
// to download and hand on (server/evidence/export.ts), made from this session's key and never
// kept anywhere. Sent as an attachment, never run as a page; never cached (Cache-Control: no-store
// is on every dynamic response already, server/http/security-headers.ts: said twice, it reads
// "no-store, no-store").
import type { Route } from "./+types/evidence-export";
import { evidenceVisitor, inOpenLog } from "./evidence-load.server.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
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
