// What the real-time benchmarks share (tests/bench/chat.ts, live-thread.ts): one PostgreSQL (the
// embedded one, in a temporary directory) that every Hearth node reaches through DATABASE_URL, a
// redis-server of their own on a free port, built Hearth nodes started as `npm start` starts them,
// members with sessions written straight into the database (a thousand sign-ups would take
// minutes of argon2 and meet the sign-up limit), and the costs of the processes from /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import { type Database, openDatabase } from "#db/client.ts";
import { applyMigrations } from "#db/migrate.ts";
import { members } from "#db/schema.ts";
import { seedDefaults } from "#db/seed.ts";
import { createSession } from "#server/auth/session.ts";
import { sessionCookieName } from "#server/auth/session-cookie.ts";
import { writeSetting } from "#server/settings/store.ts";
import path from "node:path";
import { ROOT, START_FLAGS, startChild } from "../hearth-process.ts";
import { letters } from "./letters.ts";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The embedded PostgreSQL, migrated and seeded, probation off (these members write at once). */
export async function startDatabase(dataDir: string): Promise<{ database: Database; url: string }> {
  const database = await openDatabase({ dataDir });
  await applyMigrations(database);
  await seedDefaults(database.db);
  await writeSetting(database.db, "probation.posts", 0);
  const o = database.pool.options as { host: string; port: number; user: string; database: string };
  return { database, url: `postgres://${o.user}@localhost:${o.port}/${o.database}?host=${encodeURIComponent(o.host)}` };
}

/** `n` members, each with a session: their cookies (`name=value`), in order. */
export async function seedMembers(database: Database, n: number, prefix: string): Promise<string[]> {
  const cookies: string[] = [];
  for (let from = 0; from < n; from += 500) {
    const rows = Array.from({ length: Math.min(500, n - from) }, (_, i) => {
      const pseudonym = `${prefix}${letters(from + i)}`;
      return { pseudonym, pseudonymKey: pseudonym.toLowerCase(), passphraseHash: "bench: no passphrase" };
    });
    const made = await database.db.insert(members).values(rows).returning({ id: members.id });
    const sessions = await Promise.all(made.map((m) => createSession(database.db, m.id)));
    for (const s of sessions) cookies.push(`${sessionCookieName(false)}=${s.token}`);
  }
  return cookies;
}

export async function startRedisServer() {
  const port = await freePort();
  const child = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("Ready to accept connections") && resolve());
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code})`)));
  });
  return { url: `redis://127.0.0.1:${port}`, child };
}

/** A built Hearth node on the shared database (and Redis, for more than one node). */
export function startHearthNode(databaseUrl: string, redisUrl?: string) {
  return startChild(
    [...START_FLAGS, "build/hearth.js"],
    { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl ?? "", PORT: "0", LOG_LEVEL: "warn", DATA_DIR: os.tmpdir() },
    /Hearth is running at (\S+)/,
  );
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** CPU time (clock ticks of 10 ms) of these processes, and of every process named postgres. */
export async function ticks(pids: number[]) {
  let nodes = 0;
  let postgres = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => null);
    if (!stat) continue;
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const used = Number(fields[11]) + Number(fields[12]);
    if (pids.includes(Number(entry))) nodes += used;
    else if (name === "postgres") postgres += used;
  }
  return { nodes, postgres };
}

/** Resident memory of a process, in MB. */
export async function rssMb(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)![1]) / 1024);
}

export async function loadAverage() {
  return (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
}

/** A client process (tsx, like the bench), asked one thing at a time over IPC. */
export function startWorker<Command>(file: string) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, file)], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ask = <T>(command: Command) =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${file} exited (${code})`));
      child.once("exit", onExit);
      child.once("message", (answer) => {
        child.off("exit", onExit);
        resolve(answer as T);
      });
      child.send(command as object);
    });
  return { child, ask };
}
