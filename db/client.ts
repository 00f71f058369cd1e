// The one client factory: Hearth's own embedded PostgreSQL for DATA_DIR, or any PostgreSQL at
// DATABASE_URL. Created once in the server entry (or CLI) and handed to services as `db`.
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema.ts";
import { EMBEDDED_DB, embeddedConnection, startEmbeddedPostgres, type EmbeddedServer } from "./embedded/server.ts";

/** With its pool: a job that must run on one node at a time holds a lock on a connection of its own. */
export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type DbKind = "embedded" | "external";

export interface Database {
  db: Db;
  pool: pg.Pool;
  kind: DbKind;
  /** The PostgreSQL child this process supervises, when it does. */
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

export function wrapPool(pool: pg.Pool, kind: DbKind, onClose: () => Promise<void> = async () => {}): Database {
  // An idle client losing its connection (PostgreSQL restarting) must not crash the process.
  pool.on("error", () => {});
  return {
    db: drizzle(pool, { schema }),
    pool,
    kind,
    async close() {
      await pool.end();
      await onClose();
    },
  };
}

async function ensureDatabase(server: EmbeddedServer) {
  const admin = new pg.Client(embeddedConnection(server, "postgres"));
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DB]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${EMBEDDED_DB}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Connects to an embedded server that is already running (started by this or another process):
 * `where` is its socket, from embeddedLayout(DATA_DIR) or the started server itself.
 */
export function connectEmbedded(where: { socketDir: string }, server?: EmbeddedServer): Database {
  const pool = new pg.Pool({ ...embeddedConnection(where), max: 10 });
  return { ...wrapPool(pool, "embedded", async () => server?.stop()), embedded: server };
}

export async function openDatabase(opts: { dataDir: string; databaseUrl?: string; onPostgresLog?: (line: string) => void }): Promise<Database> {
  if (opts.databaseUrl) {
    return wrapPool(new pg.Pool({ connectionString: opts.databaseUrl, max: 10 }), "external");
  }
  const server = await startEmbeddedPostgres({ dataDir: opts.dataDir, onLog: opts.onPostgresLog });
  try {
    await ensureDatabase(server);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return connectEmbedded(server, server);
}

/** A transaction handle; services that must join a caller's transaction accept `Db | Tx`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
