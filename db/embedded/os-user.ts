// PostgreSQL refuses to run as root. When Hearth runs as root (as CI does) the server runs as
// the unprivileged `postgres` system user, created if missing (docs/architecture.md, Versions and pitfalls).
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
export interface RunAs {
  uid?: number;
  gid?: number;
}

async function lookup(name: string): Promise<RunAs | null> {
  try {
    const [u, g] = await Promise.all([run("id", ["-u", name]), run("id", ["-g", name])]);
    return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
  } catch {
    return null;
  }
}

export async function postgresRunAs(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const found = await lookup("postgres");
  if (found) return found;
  await run("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
  const created = await lookup("postgres");
  if (!created) throw new Error("Could not create the unprivileged 'postgres' user PostgreSQL needs when Hearth runs as root.");
  return created;
}
