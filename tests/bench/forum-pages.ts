// Forum benchmark (issue 4): requests/s and p50/p99 at 50 connections for a signed-in thread page
// of 25 posts (by the reader and by another member) and for /forums, beside a minimal React Router page (/ping) served by the same
// server in the same run, on the embedded PostgreSQL. Prints figures and ratios; asserts nothing.
// Run: npx tsx tests/bench/forum-pages.ts   (BENCH_SECONDS=10 by default)
// Profile: BENCH_PROFILE=/tmp/prof writes a V8 CPU profile of the server (node --cpu-prof) there;
// BENCH_ONLY=ping|thread|forums loads only that page; BENCH_KEEP=1 leaves the server running (Ctrl-C).
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { connectEmbedded } from "#db/client.ts";
import { embeddedLayout } from "#db/embedded/server.ts";
import { members } from "#db/schema.ts";
import { DEFAULT_LIMITS, memoryThrottle } from "#server/auth/throttle.ts";
import { createThread, reply } from "#server/forums/posting.ts";
import { writeSetting } from "#server/settings/store.ts";
import { joinForCookie, loadSignedIn, rssMb, startHearth, START_FLAGS } from "./hearth-process.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PROFILE = process.env.BENCH_PROFILE;
const ONLY = process.env.BENCH_ONLY;

const load = (url: string, cookie: string) => loadSignedIn(hearth.child.pid!, url, cookie, { connections: 50, seconds: SECONDS });

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-forum-"));
const hearth = await startHearth(dataDir, PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE}`] : []);
try {
  // Two members: the reader (signed in for the load) and another writer, so the page shows both
  // kinds of post a real thread has: the reader's own (edit link) and others' (report, block).
  const join = (pseudonym: string) => joinForCookie(hearth.url, pseudonym);
  const cookie = await join("BenchReader");
  await join("BenchWriter");
  const database = connectEmbedded(await embeddedLayout(dataDir));
  const author = async (pseudonym: string) => ({
    status: "active" as const,
    suspendedUntil: null,
    postingPaused: false,
    moderatedForums: null,
    ...(await database.db.select({ id: members.id, role: members.role }).from(members).where(eq(members.pseudonym, pseudonym)))[0]!,
  });
  const [reader, writer] = [await author("BenchReader"), await author("BenchWriter")];
  // The page measured is an ordinary thread: no probation for these two new members.
  await writeSetting(database.db, "probation.posts", 0);
  const deps = { db: database.db, throttle: memoryThrottle({ ...DEFAULT_LIMITS, postsPerMinute: 1_000_000 }) };
  const body = "A post of ordinary length, with **some emphasis**, a [link](https://example.org) and a list:\n\n- one\n- two\n\n".repeat(3);
  const thread = await createThread(deps, writer, "support", { title: "Benchmark thread", body, idempotencyKey: randomUUID() });
  for (let i = 0; i < 24; i++)
    await reply(deps, i % 3 === 0 ? reader : writer, thread.threadId, { body: `${body}\n\nReply ${i}`, idempotencyKey: randomUUID() });
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
  console.log(`\n${SECONDS} s per run, 50 connections, signed in, on ${os.cpus().length} cores; ${["node", ...START_FLAGS, "build/hearth.js"].join(" ")}`);
  console.log(`Hearth's RSS after the runs: ${await rssMb(hearth.child.pid!)} MB (PostgreSQL is separate)`);
  console.table(rows);
  const floor = rows["minimal React Router page (/ping)"]?.["req/s"] ?? 0;
  if (!ONLY)
    console.log(
      `thread page: ${((100 * rows["thread page, 25 posts"]!["req/s"]) / floor).toFixed(0)}% of the minimal page; /forums: ${((100 * rows["/forums"]!["req/s"]) / floor).toFixed(0)}%`,
    );
} finally {
  hearth.child.kill("SIGTERM");
  await new Promise((r) => hearth.child.once("exit", r));
  await rm(dataDir, { recursive: true, force: true });
}
