// Supervises Hearth's own PostgreSQL child in DATA_DIR/pg, listening only on a Unix socket in
// DATA_DIR/run (no TCP port). initdb on first start; fsync stays on (SECURITY.md, Durability).
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { chmod, chown, mkdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { postgresBinaries } from "./binaries.ts";
import { postgresRunAs, type RunAs } from "./os-user.ts";

const run = promisify(execFile);
export const EMBEDDED_USER = "hearth";
export const EMBEDDED_DB = "hearth";
const PORT = 5432; // names the socket file only; no TCP listener is opened

export interface EmbeddedLayout {
  pgDir: string;
  socketDir: string;
}

export function embeddedLayout(dataDir: string): EmbeddedLayout {
  const root = path.resolve(dataDir);
  return { pgDir: path.join(root, "pg"), socketDir: path.join(root, "run") };
}

export function embeddedConnection(dataDir: string, database = EMBEDDED_DB) {
  return { host: embeddedLayout(dataDir).socketDir, port: PORT, user: EMBEDDED_USER, database };
}

async function exists(p: string) {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function prepareDirs(dataDir: string, runAs: RunAs) {
  const { pgDir, socketDir } = embeddedLayout(dataDir);
  await mkdir(path.resolve(dataDir), { recursive: true, mode: 0o700 });
  // As root, the postgres user must be able to pass through DATA_DIR (but not list it).
  if (runAs.uid !== undefined) await chmod(path.resolve(dataDir), 0o711);
  for (const dir of [pgDir, socketDir]) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) await chown(dir, runAs.uid, runAs.gid!);
    await chmod(dir, 0o700);
  }
}

/** The pid in postmaster.pid when that process is still alive, else null. */
export async function runningPostmaster(dataDir: string): Promise<number | null> {
  const pidFile = path.join(embeddedLayout(dataDir).pgDir, "postmaster.pid");
  const text = await readFile(pidFile, "utf8").catch(() => null);
  const pid = Number(text?.split("\n")[0]);
  if (!text || !Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

async function initdb(dataDir: string, runAs: RunAs) {
  const bin = await postgresBinaries();
  const { pgDir } = embeddedLayout(dataDir);
  // Trust on the socket only: the socket lives in a 0700 directory owned by the server's user,
  // so only that user (and root) can reach it, as with peer authentication.
  await run(
    bin.initdb,
    [`--pgdata=${pgDir}`, `--username=${EMBEDDED_USER}`, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"],
    { ...runAs, env: { ...process.env, LC_ALL: "C.UTF-8" } },
  ).catch((err: { stderr?: string }) => {
    throw new Error(`initdb failed in ${pgDir}: ${err.stderr ?? String(err)}`);
  });
}

export interface EmbeddedServer {
  socketDir: string;
  stop(): Promise<void>;
}

/** Stops a postmaster left behind by a crashed Hearth, so this process can supervise its own. */
async function stopStale(dataDir: string, runAs: RunAs) {
  const bin = await postgresBinaries();
  await run(bin.pg_ctl, ["stop", "-D", embeddedLayout(dataDir).pgDir, "-m", "fast", "-w", "-t", "60"], runAs).catch(() => undefined);
}

function waitForReady(child: ChildProcess, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let tail = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      tail = (tail + text).slice(-4000);
      for (const line of text.split("\n")) if (line.trim()) onLog(line);
      if (text.includes("database system is ready to accept connections")) resolve();
    };
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`PostgreSQL exited during start (code ${code}): ${tail}`)));
    child.once("error", reject);
  });
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const runAs = await postgresRunAs();
  await prepareDirs(opts.dataDir, runAs);
  const { pgDir, socketDir } = embeddedLayout(opts.dataDir);
  if (!(await exists(path.join(pgDir, "PG_VERSION")))) {
    await rm(pgDir, { recursive: true, force: true });
    await prepareDirs(opts.dataDir, runAs);
    await initdb(opts.dataDir, runAs);
  }
  if (await runningPostmaster(opts.dataDir)) await stopStale(opts.dataDir, runAs);

  const bin = await postgresBinaries();
  const child = spawn(
    bin.postgres,
    ["-D", pgDir, "-p", String(PORT), "-c", "listen_addresses=", "-c", `unix_socket_directories=${socketDir}`, "-c", "unix_socket_permissions=0700",
     // Keep member data out of PostgreSQL's own log: no statements, no DETAIL lines with key values.
     "-c", "log_min_error_statement=panic", "-c", "log_error_verbosity=terse"],
    { ...runAs, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  await waitForReady(child, opts.onLog ?? (() => {}));
  let exited = false;
  child.once("exit", () => (exited = true));
  return {
    socketDir,
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
