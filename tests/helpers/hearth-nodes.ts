// Built Hearth processes (node build/hearth.js, as `npm start` runs them) on a test database: the
// nodes of a cluster, each a real child process that can be stopped, or killed with SIGKILL.
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { Database } from "#db/client.ts";
import { exited } from "./built-copy.ts";
import { startBuiltServer } from "./built-hearth.ts";

import { databaseUrl } from "./db.ts";

export { databaseUrl };

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface HearthNode {
  url: string;
  child: ChildProcess;
  /** SIGTERM, and the exit it causes. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown of any kind, as a crash or the OOM killer ends a process. */
  kill(): Promise<void>;
}

/** Starts build/hearth.js on `database` (and Redis, if `redisUrl`) at `port` (0: any). */
export async function startNode(database: Database, opts: { redisUrl?: string; port?: number } = {}): Promise<HearthNode> {
  const run = await startBuiltServer({
    ...process.env,
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: opts.redisUrl ?? "",
    DATA_DIR: undefined,
    PORT: String(opts.port ?? 0),
    LOG_LEVEL: "warn",
  });
  if (!run.url) throw new Error(`Hearth did not start (${run.code}): ${run.out}`);
  const child = run.child;
  return {
    url: run.url,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited(child);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited(child);
    },
  };
}
