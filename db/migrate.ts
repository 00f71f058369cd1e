// Applies the generated migrations. An advisory lock lets several Hearth nodes start at once
// against one external PostgreSQL without racing each other.
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Database } from "./client.ts";

import { projectPath } from "./project-path.ts";

export const MIGRATIONS_DIR = projectPath("db/migrations/meta/_journal.json").replace(/[\\/]meta[\\/]_journal\.json$/, "");
const LOCK_ID = 7_482_001;

export async function applyMigrations(database: Database) {
  const client = await database.pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await migrate(database.db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => undefined);
    client.release();
  }
}
