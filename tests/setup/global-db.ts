// Starts the PostgreSQL the tests use — Hearth's embedded one in a temporary directory, or the
// server at TEST_DATABASE_URL when HEARTH_TEST_DB=external — and migrates a template database
// that each test file clones (docs/style.md, practice 8).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { wrapPool } from "#db/client.ts";
import { embeddedConnection, startEmbeddedPostgres } from "#db/embedded/server.ts";
import { applyMigrations } from "#db/migrate.ts";

export interface TestPg {
  kind: "embedded" | "external";
  /** node-postgres connection settings for the server, without a database name. */
  connection: pg.ClientConfig;
  template: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testPg: TestPg;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.HEARTH_TEST_DB === "external";
  let stop = async () => {};
  let connection: pg.ClientConfig;
  if (external) {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("HEARTH_TEST_DB=external needs TEST_DATABASE_URL");
    connection = { connectionString: url };
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "hearth-test-pg-"));
    const server = await startEmbeddedPostgres({ dataDir: dir });
    const { host, port, user } = embeddedConnection(server);
    connection = { host, port, user };
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const template = `hearth_tpl_${process.pid}`;
  const admin = new pg.Client({ ...connection, database: external ? undefined : "postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const templatePool = new pg.Pool({ ...connection, ...databaseOverride(connection, template) });
  const database = wrapPool(templatePool, external ? "external" : "embedded");
  await applyMigrations(database);
  await database.close();
  project.provide("testPg", { kind: external ? "external" : "embedded", connection, template });

  return async () => {
    const leftovers = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`hearth_t_${process.pid}_%`]);
    for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
    await stop();
  };
}

/** Points a connection at another database, whether it was given as a URL or as fields. */
export function databaseOverride(connection: pg.ClientConfig, database: string): pg.ClientConfig {
  if (connection.connectionString) {
    const url = new URL(connection.connectionString);
    url.pathname = `/${database}`;
    return { connectionString: url.toString() };
  }
  return { database };
}
