// Supervises Hearth's own PostgreSQL child: the cluster and its Unix socket (no TCP port) live
// where embeddedLayout() says, DATA_DIR/pg and DATA_DIR/run unless the postgres user cannot
// reach DATA_DIR. initdb on first start; fsync stays on (docs/decisions/003).
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { requireRootOnly } from "./binary-cache.ts";
import { resolveLayout, type EmbeddedLayout } from "./layout.ts";
import { postgresRunAs, type RunAs } from "./os-user.ts";
import { failureLine, type ChildFailure } from "./pg-failure.ts";
import { unreachableMessage, whyUnreachable, type PgAccount } from "./reach.ts";
import { usableBinaries } from "./usable-binaries.ts";

const run = promisify(execFile);
export const EMBEDDED_USER = "hearth";
export const EMBEDDED_DB = "hearth";
const PORT = 5432; // names the socket file only; no TCP listener is opened
export type { EmbeddedLayout };

function accountOf(runAs: RunAs): PgAccount {
  if (runAs.uid !== undefined) return { name: "postgres", ...runAs };
  try {
    return { name: os.userInfo().username };
  } catch {
    return { name: `uid ${process.getuid?.() ?? "?"}` };
  }
}

/** Where DATA_DIR's cluster and socket are, for this process's account (see layout.ts). */
export async function embeddedLayout(dataDir: string): Promise<EmbeddedLayout> {
  return resolveLayout(dataDir, accountOf(await postgresRunAs()));
}

/** node-postgres settings for the socket of a layout or of a started server. */
export function embeddedConnection(where: { socketDir: string }, database = EMBEDDED_DB) {
  return { host: where.socketDir, port: PORT, user: EMBEDDED_USER, database };
}

async function exists(p: string) {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function prepareDirs(layout: EmbeddedLayout, runAs: RunAs) {
  const { dataDir, home, pgDir, socketDir } = layout;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (layout.relocated) {
    // Root's alone above the cluster; the postgres user may pass through, not list or write.
    await requireRootOnly(path.dirname(home), 0o711);
    await requireRootOnly(home, 0o711);
    const note = `Hearth's embedded PostgreSQL for this DATA_DIR lives in ${pgDir} (socket ${socketDir}),\nbecause the postgres user cannot reach this directory. Back it up from there: see docs/operations.md.\n`;
    await writeFile(path.join(dataDir, "DATABASE-LOCATION.txt"), note, { mode: 0o644 });
  } else if (runAs.uid !== undefined) {
    // As root, the postgres user must be able to pass through DATA_DIR (but not list it).
    await chmod(dataDir, 0o711);
  }
  for (const dir of [pgDir, socketDir]) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) await chown(dir, runAs.uid, runAs.gid!);
    await chmod(dir, 0o700);
  }
}

/** Throws one line naming the first of `paths` the account cannot reach. */
async function requireReachable(what: string, account: PgAccount, paths: [string, { read?: boolean; write?: boolean; execute?: boolean }][]) {
  for (const [p, need] of paths) {
    const blocked = await whyUnreachable(p, account, need);
    if (blocked) throw new Error(`${what}: ${unreachableMessage(blocked, account)}`);
  }
}

/** The pid in postmaster.pid when that process is still alive, else null. */
export async function runningPostmaster(layout: EmbeddedLayout): Promise<number | null> {
  const text = await readFile(path.join(layout.pgDir, "postmaster.pid"), "utf8").catch(() => null);
  const pid = Number(text?.split("\n")[0]);
  if (!text || !Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

export interface EmbeddedServer {
  pgDir: string;
  socketDir: string;
  /** One sentence for the operator: where the database lives, and why when outside DATA_DIR. */
  whereabouts: string;
  stop(): Promise<void>;
}

function whereabouts(layout: EmbeddedLayout, account: PgAccount) {
  if (!layout.relocated) return `The database lives in ${layout.pgDir}.`;
  const blocked = layout.relocatedBecause;
  const why = blocked ? `, because the ${account.name} user cannot pass through ${blocked.blockedAt} (${blocked.detail})` : "";
  return `The database lives in ${layout.pgDir}, not in DATA_DIR (${layout.dataDir})${why}; back it up from there (docs/operations.md).`;
}

function waitForReady(child: ChildProcess, program: string, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let tail = "";
    let stdout = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      tail = (tail + text).slice(-4000);
      for (const line of text.split("\n")) if (line.trim()) onLog(line);
      if (text.includes("database system is ready to accept connections")) resolve();
    };
    child.stderr?.on("data", onData);
    // postgres logs to stderr; stdout is kept only to explain a failed start.
    child.stdout?.on("data", (chunk: Buffer) => (stdout = (stdout + chunk.toString("utf8")).slice(-2000)));
    child.once("exit", (code, signal) => reject(new Error(failureLine("PostgreSQL stopped during start", program, { code, signal, stderr: tail, stdout }))));
    child.once("error", (err: NodeJS.ErrnoException) => reject(new Error(failureLine("PostgreSQL could not start", program, err))));
  });
}

export async function startEmbeddedPostgres(opts: { dataDir: string; onLog?: (line: string) => void }): Promise<EmbeddedServer> {
  const runAs = await postgresRunAs();
  const account = accountOf(runAs);
  const layout = await resolveLayout(opts.dataDir, account);
  const { pgDir, socketDir } = layout;
  const bin = await usableBinaries(account);
  await prepareDirs(layout, runAs);
  const dirs: [string, { read: true; write: true; execute: true }][] = [pgDir, socketDir].map((d) => [d, { read: true, write: true, execute: true }]);

  if (!(await exists(path.join(pgDir, "PG_VERSION")))) {
    await rm(pgDir, { recursive: true, force: true });
    await prepareDirs(layout, runAs);
    await requireReachable(`initdb cannot run in ${pgDir}`, account, [[bin.initdb, { read: true, execute: true }], ...dirs]);
    // Trust on the socket only: the socket lives in a 0700 directory owned by the server's user,
    // so only that user (and root) can reach it, as with peer authentication.
    const args = [`--pgdata=${pgDir}`, `--username=${EMBEDDED_USER}`, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"];
    await run(bin.initdb, args, { ...runAs, env: { ...process.env, LC_ALL: "C.UTF-8" } }).catch((err: ChildFailure) => {
      throw new Error(failureLine(`initdb failed in ${pgDir}`, bin.initdb, err));
    });
  }
  await requireReachable(`PostgreSQL cannot start in ${pgDir}`, account, [[bin.postgres, { read: true, execute: true }], ...dirs]);
  // A postmaster left behind by a crashed Hearth is stopped, so this process can supervise its own.
  if (await runningPostmaster(layout)) {
    await run(bin.pg_ctl, ["stop", "-D", pgDir, "-m", "fast", "-w", "-t", "60"], runAs).catch((err: ChildFailure) => {
      opts.onLog?.(`ERROR: ${failureLine("pg_ctl could not stop the PostgreSQL left running", bin.pg_ctl, err)}`);
    });
  }

  const child = spawn(
    bin.postgres,
    [
      "-D",
      pgDir,
      "-p",
      String(PORT),
      "-c",
      "listen_addresses=",
      "-c",
      `unix_socket_directories=${socketDir}`,
      "-c",
      "unix_socket_permissions=0700",
      // Keep member data out of PostgreSQL's own log: no statements, no DETAIL lines with key values.
      "-c",
      "log_min_error_statement=panic",
      "-c",
      "log_error_verbosity=terse",
    ],
    { ...runAs, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  await waitForReady(child, bin.postgres, opts.onLog ?? (() => {}));
  let exited = false;
  child.once("exit", () => (exited = true));
  return {
    pgDir,
    socketDir,
    whereabouts: whereabouts(layout, account),
    async stop() {
      if (exited) return;
      // SIGINT = PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      });
    },
  };
}
