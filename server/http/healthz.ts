// GET /healthz → 200 {"ok":true,"db":"embedded"|"external"}; 503 {"ok":false} when the
// database does not answer within two seconds (docs/architecture.md, Public contracts).
import type { RequestHandler } from "express";
import type { Database } from "#db/client.ts";

export function healthz(database: Pick<Database, "pool" | "kind">): RequestHandler {
  return async (_req, res) => {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000).unref());
    try {
      await Promise.race([database.pool.query("SELECT 1"), timeout]);
      res.status(200).json({ ok: true, db: database.kind });
    } catch {
      res.status(503).json({ ok: false });
    }
  };
}
