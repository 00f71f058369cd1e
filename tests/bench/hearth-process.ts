// The built Hearth as a child process, started as `npm start` starts it (same Node flags, read
// from package.json), and what it costs: CPU time of Node and of its PostgreSQL children, and RSS.
import { spawn, type ChildProcess } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import packageJson from "../../package.json" with { type: "json" };

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The flags between `node` and the script in package.json's start script. */
export const START_FLAGS = packageJson.scripts.start
  .match(/\bnode((?: --\S+)*) build\/hearth\.js/)![1]!
  .trim()
  .split(" ")
  .filter(Boolean);

export function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: "production", ...env } });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      const m = out.match(ready);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

export function startHearth(dataDir: string, extraNodeArgs: string[] = []) {
  return startChild([...START_FLAGS, ...extraNodeArgs, "build/hearth.js"], { DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent" }, /Hearth is running at (\S+)/);
}

/**
 * CPU time (user + system, in clock ticks of 10 ms) of a process and of its descendants (the
 * embedded PostgreSQL), from /proc: the server's own cost, apart from the load generator's,
 * which shares the same cores.
 */
export async function cpuTicks(rootPid: number) {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => null);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  const inTree = (pid: number): boolean => pid === rootPid || (pid > 1 && stats.has(pid) && inTree(stats.get(pid)!.ppid));
  let node = 0;
  let postgres = 0;
  for (const [pid, { ticks }] of stats) {
    if (pid === rootPid) node += ticks;
    else if (inTree(pid)) postgres += ticks;
  }
  return { node, postgres };
}

/** Resident memory of one process, in MB. */
export async function rssMb(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)![1]) / 1024);
}

/** Joins through the real form and returns the session cookie (`name=value`). */
export async function joinForCookie(base: string, pseudonym: string) {
  const res = await fetch(`${base}/join`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: "null", "sec-fetch-site": "same-origin" },
    body: new URLSearchParams({ pseudonym, password: "a bench passphrase here", confirmPassword: "a bench passphrase here" }),
  });
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

/** Loads one signed-in page: two seconds of warm-up (JIT, pool, prepared statements), not
 *  counted, then `seconds` measured, with the server's CPU per request (Node and PostgreSQL). */
export async function loadSignedIn(pid: number, url: string, cookie: string, opts: { connections: number; seconds: number }) {
  const { default: autocannon } = await import("autocannon");
  await autocannon({ url, connections: opts.connections, duration: 2, headers: { cookie } });
  const before = await cpuTicks(pid);
  const r = await autocannon({ url, connections: opts.connections, duration: opts.seconds, headers: { cookie } });
  const after = await cpuTicks(pid);
  const perRequest = (ticks: number) => Number(((ticks * 10) / r.requests.total).toFixed(2));
  return {
    "req/s": Math.round(r.requests.average),
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
    "Node CPU ms/req": perRequest(after.node - before.node),
    "PostgreSQL CPU ms/req": perRequest(after.postgres - before.postgres),
    errors: r.errors + r.non2xx,
  };
}
