// One Hearth per DATA_DIR: a second server refuses to start, and the admin CLI knows whether it
// can reach a running server's PostgreSQL or must start one for itself.
import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";

export type LockHolder = { pid: number; kind: "server" | "admin" };

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockPath(dataDir: string) {
  return path.join(path.resolve(dataDir), "hearth.lock");
}

export async function currentHolder(dataDir: string): Promise<LockHolder | null> {
  const text = await readFile(lockPath(dataDir), "utf8").catch(() => null);
  if (!text) return null;
  try {
    const holder = JSON.parse(text) as LockHolder;
    return holder.pid !== process.pid && alive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

export class DataDirBusy extends Error {
  constructor(
    readonly holder: LockHolder,
    dataDir: string,
  ) {
    super(
      holder.kind === "server"
        ? `Another Hearth server (pid ${holder.pid}) is already running on ${path.resolve(dataDir)}. Stop it first, or give this one its own DATA_DIR.`
        : `An admin command (pid ${holder.pid}) is using ${path.resolve(dataDir)}. Try again when it has finished.`,
    );
  }
}

/** Takes the lock or throws DataDirBusy; a lock left by a dead process is taken over. */
export async function acquireDataDirLock(dataDir: string, kind: LockHolder["kind"]) {
  await mkdir(path.resolve(dataDir), { recursive: true, mode: 0o700 });
  const file = lockPath(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, "wx", 0o600);
      await handle.writeFile(JSON.stringify({ pid: process.pid, kind } satisfies LockHolder));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = await currentHolder(dataDir);
      if (holder) throw new DataDirBusy(holder, dataDir);
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}.`);
}
