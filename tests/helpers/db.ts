// A fresh database per test file, cloned from the migrated template (fast, isolated, real).
import pg from "pg";
import { afterAll, inject } from "vitest";
import { wrapPool, type Database } from "#db/client.ts";
import { settings } from "#db/schema.ts";
import { seedDefaults } from "#db/seed.ts";
import { databaseOverride } from "#tests/setup/global-db.ts";

let counter = 0;
// Registered at import (see tests/helpers/server.ts): closes pools and drops the databases.
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** `probation`: keep the default probation (a new member's first posts wait for a moderator).
 *  Off unless asked for, so tests about other things can post as a new member and read it back;
 *  the probation tests, and the fresh install, have it on. */
export async function createTestDatabase(opts: { seed?: boolean; probation?: boolean } = {}): Promise<Database> {
  const { connection, template, kind } = inject("testPg");
  const name = `hearth_t_${process.ppid}_${process.pid}_${++counter}`;
  const admin = new pg.Client({ ...connection, ...(kind === "embedded" ? { database: "postgres" } : {}) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const database = wrapPool(new pg.Pool({ ...connection, ...databaseOverride(connection, name), max: 5 }), kind);
  if (opts.seed !== false) await seedDefaults(database.db);
  if (opts.seed !== false && !opts.probation) await database.db.insert(settings).values({ key: "probation.posts", value: 0 }).onConflictDoNothing();
  cleanups.push(async () => {
    await database.close();
    const cleanup = new pg.Client({ ...connection, ...(kind === "embedded" ? { database: "postgres" } : {}) });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  });
  return database;
}

/** A postgres:// address for a test database (over the embedded server's socket, or external). */
export function databaseUrl(database: Database) {
  const o = database.pool.options as { connectionString?: string; host?: string; port?: number; user?: string; database?: string };
  if (o.connectionString) return o.connectionString;
  return `postgres://${encodeURIComponent(o.user ?? "")}@localhost:${o.port}/${o.database}?host=${encodeURIComponent(o.host ?? "")}`;
}

/** The environment for `npm run admin` (tests/helpers/built-hearth.ts runAdmin) on a test database. */
export function adminEnv(database: Database) {
  return { ...process.env, DATABASE_URL: databaseUrl(database), REDIS_URL: "", LOG_LEVEL: "warn" };
}
