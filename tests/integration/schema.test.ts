// Migrations are generated from db/schema.ts and never drift from it (docs/style.md, practice 7).
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { createTestDatabase } from "#tests/helpers/db.ts";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

test("drizzle-kit finds nothing to generate: the migrations match the schema", async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), "hearth-migrations-"));
  try {
    await cp(path.join(ROOT, "db/migrations"), out, { recursive: true });
    const before = await readdir(out);
    const { stdout } = await run(path.join(ROOT, "node_modules/.bin/drizzle-kit"), ["generate"], {
      cwd: ROOT,
      env: { ...process.env, DRIZZLE_OUT: path.relative(ROOT, out) },
    }); // drizzle-kit wants a relative path
    expect(stdout).toContain("No schema changes");
    expect(await readdir(out)).toEqual(before);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test("the migrated database has the tables of the schema, and no column for an IP or email", async () => {
  const database = await createTestDatabase({ seed: false });
  const { rows } = await database.pool.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const tables = new Set(rows.map((r) => r.table_name));
  for (const t of ["members", "sessions", "recovery_codes", "forums", "chat_rooms", "settings"]) expect(tables).toContain(t);
  const columns = rows.map((r) => r.column_name);
  expect(columns.filter((c) => /(^|_)(ip|ip_address|email|phone|real_name)($|_)/.test(c))).toEqual([]);
});
