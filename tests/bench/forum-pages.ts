// Forum benchmark (issue 4): requests/s and p50/p99 at 50 connections for a signed-in thread page
// of 25 posts (by the reader and by another member) and for /forums, beside a minimal React Router page (/ping) served by the same
// server in the same run, on the embedded PostgreSQL. Prints figures and ratios; asserts nothing.
// Run: npx tsx tests/bench/forum-pages.ts   (BENCH_SECONDS=10 by default)
// Profile: BENCH_PROFILE=/tmp/prof writes a V8 CPU profile of the server (node --cpu-prof) there;
// BENCH_ONLY=ping|thread|forums loads only that page; BENCH_KEEP=1 leaves the server running (Ctrl-C).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { connectEmbedded } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { DEFAULT_LIMITS, memoryThrottle } from "#server/auth/throttle.ts";
import { createThread, reply } from "#server/forums/posting.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PROFILE = process.env.BENCH_PROFILE;
const ONLY = process.env.BENCH_ONLY;

function start(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE}`] : []), "build/hearth.js"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent" } });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      const m = out.match(/Hearth is running at (\S+)/);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

// CPU time (user + system, in clock ticks of 10 ms) of Hearth's process and of its PostgreSQL
// children, from /proc: the server's own cost per request, apart from the load generator's,
// which shares the same cores.
async function cpuTicks(rootPid: number) {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => null);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  const inTree = (pid: number): boolean => pid === rootPid || (stats.has(pid) && pid > 1 && inTree(stats.get(pid)!.ppid));
  let node = 0;
  let postgres = 0;
  for (const [pid, { ticks }] of stats) {
    if (pid === rootPid) node += ticks;
    else if (inTree(pid)) postgres += ticks;
  }
  return { node, postgres };
}

async function load(url: string, cookie: string) {
  // Two seconds of warm-up first (JIT, connection pool, prepared statements), not counted.
  await autocannon({ url, connections: 50, duration: 2, headers: { cookie } });
  const before = await cpuTicks(hearth.child.pid!);
  const r = await autocannon({ url, connections: 50, duration: SECONDS, headers: { cookie } });
  const after = await cpuTicks(hearth.child.pid!);
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

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-forum-"));
const hearth = await start(dataDir);
try {
  // Two members: the reader (signed in for the load) and another writer, so the page shows both
  // kinds of post a real thread has: the reader's own (edit link) and others' (report, block).
  const join = async (pseudonym: string) => {
    const res = await fetch(`${hearth.url}/join`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "null", "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ pseudonym, password: "a bench passphrase here", confirmPassword: "a bench passphrase here" }),
    });
    return res.headers.getSetCookie()[0]!.split(";")[0]!;
  };
  const cookie = await join("BenchReader");
  await join("BenchWriter");
  const database = connectEmbedded(dataDir);
  const author = async (pseudonym: string) => (await database.db.select({ id: members.id, role: members.role }).from(members).where(eq(members.pseudonym, pseudonym)))[0]!;
  const [reader, writer] = [await author("BenchReader"), await author("BenchWriter")];
  const deps = { db: database.db, throttle: memoryThrottle({ ...DEFAULT_LIMITS, postsPerMinute: 1_000_000 }) };
  const body = "A post of ordinary length, with **some emphasis**, a [link](https://example.org) and a list:\n\n- one\n- two\n\n".repeat(3);
  const thread = await createThread(deps, writer, "support", { title: "Benchmark thread", body, idempotencyKey: randomUUID() });
  for (let i = 0; i < 24; i++) await reply(deps, i % 3 === 0 ? reader : writer, thread.threadId, { body: `${body}\n\nReply ${i}`, idempotencyKey: randomUUID() });
  await database.close();

  const rows: Record<string, ReturnType<typeof load> extends Promise<infer T> ? T : never> = {};
  const threadUrl = `${hearth.url}/t/${thread.threadId}`;
  if (process.env.BENCH_KEEP) {
    console.log(`thread page: ${threadUrl}\ncookie: ${cookie}\n(Ctrl-C to stop)`);
    await new Promise((resolve) => process.once("SIGINT", resolve));
  }
  const wanted = (name: string) => !ONLY || ONLY === name;
  if (wanted("ping")) rows["minimal React Router page (/ping)"] = await load(`${hearth.url}/ping`, cookie);
  if (wanted("thread")) rows["thread page, 25 posts"] = await load(threadUrl, cookie);
  if (wanted("forums")) rows["/forums"] = await load(`${hearth.url}/forums`, cookie);
  console.log(`\n${SECONDS} s per run, 50 connections, signed in, on ${os.cpus().length} cores`);
  console.table(rows);
  const floor = rows["minimal React Router page (/ping)"]?.["req/s"] ?? 0;
  if (!ONLY) console.log(`thread page: ${((100 * rows["thread page, 25 posts"]!["req/s"]) / floor).toFixed(0)}% of the minimal page; /forums: ${((100 * rows["/forums"]!["req/s"]) / floor).toFixed(0)}%`);
} finally {
  hearth.child.kill("SIGTERM");
  await new Promise((r) => hearth.child.once("exit", r));
  await rm(dataDir, { recursive: true, force: true });
}
