// Live thread benchmark (issue 10): 500 open thread pages (sockets that each watch the thread with
// thread:watch, in a process of their own: tests/bench/realtime/watchers.ts), and replies posted
// one after another through the thread's form, as members post them (two first, not counted, to
// warm up the renderer); each reply timed from its POST to its thread:post at every page. On one built Hearth node, then on two with Redis (half
// the pages on each, replies posted to the first), on the embedded PostgreSQL. Prints figures;
// asserts nothing. Run: npm run build && npx tsx tests/bench/live-thread.ts
// (BENCH_PAGES=500, BENCH_REPLIES=60)
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { members } from "#db/schema.ts";
import { DEFAULT_LIMITS, memoryThrottle } from "#server/auth/throttle.ts";
import { createThread } from "#server/forums/posting.ts";
import { loadAverage, rssMb, seedMembers, startDatabase, startHearthNode, startRedisServer, startWorker, stop, ticks } from "./realtime/cluster.ts";
import type { WatchersCommand } from "./realtime/watchers.ts";

const PAGES = Number(process.env.BENCH_PAGES ?? 500);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 60);
// Posting is limited per member (DEFAULT_LIMITS.postsPerMinute): enough authors that none is refused.
const WARMUP = 2;
const AUTHORS = Math.ceil((REPLIES + 2 * WARMUP) / (DEFAULT_LIMITS.postsPerMinute - 1));
const GAP_MS = 300;

interface Answer {
  replies: number;
  pages: number;
  reachedAll: number;
  reach: { p50: number; p95: number; p99: number; max: number; samples: number };
  post: { p50: number; p99: number };
  statuses: Record<string, number>;
}

async function measure(name: string, servers: Array<{ child: ChildProcess; url: string }>, pages: string[], authors: string[], thread: string) {
  const watchers = startWorker<WatchersCommand>("tests/bench/realtime/watchers.ts");
  const targets = servers.map((s, i) => ({ url: s.url, cookies: pages.filter((_, j) => j % servers.length === i) }));
  const ready = await watchers.ask<{ watching: number; refused: number; ms: number }>({ type: "connect", targets, thread });
  const pids = servers.map((s) => s.child.pid!);
  const [before, wall] = [await ticks(pids), performance.now()];
  const r = await watchers.ask<Answer>({ type: "post", url: servers[0]!.url, authors, replies: REPLIES, warmup: WARMUP, gapMs: GAP_MS });
  const after = await ticks(pids);
  const rss = await Promise.all(pids.map(rssMb));
  await watchers.ask({ type: "exit" }).catch(() => {});
  const cpu = Math.round(((after.nodes - before.nodes) * 10 * 100) / (performance.now() - wall));
  console.log(
    `\n== ${name}: ${ready.watching} pages watching (${ready.refused} refused, ${ready.ms} ms to open)\n` +
      `   ${r.replies} replies, HTTP status ${JSON.stringify(r.statuses)}; reached every page: ${r.reachedAll}/${r.replies}; ${r.reach.samples}/${r.replies * ready.watching} pushes\n` +
      `   reply POST → thread:post at a page: p50 ${r.reach.p50} / p95 ${r.reach.p95} / p99 ${r.reach.p99} / max ${r.reach.max} ms; the POST itself p50 ${r.post.p50} / p99 ${r.post.p99} ms\n` +
      `   server CPU ${cpu}% over the replies; RSS ${rss.map((mb) => `${mb} MB`).join(" + ")}`,
  );
  return r;
}

console.log(
  `Live thread benchmark: ${PAGES} pages, ${REPLIES} replies ${GAP_MS} ms apart, on ${os.cpus().length} cores; load average before: ${await loadAverage()}`,
);
const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-live-"));
const { database, url } = await startDatabase(dataDir);
const redis = await startRedisServer();
const started: ChildProcess[] = [redis.child];
try {
  const pages = await seedMembers(database, PAGES, "Reader");
  const authors = await seedMembers(database, AUTHORS, "Author");
  const [opener] = await database.db.select({ id: members.id, role: members.role }).from(members).where(eq(members.pseudonym, "Authora"));
  const actor = { ...opener!, status: "active" as const, suspendedUntil: null, postingPaused: false, moderatedForums: null };
  const deps = { db: database.db, throttle: memoryThrottle() };
  const { threadId } = await createThread(deps, actor, "support", {
    title: "A thread many are reading",
    body: "Its first post.",
    idempotencyKey: randomUUID(),
  });

  const one = await startHearthNode(url);
  started.push(one.child);
  await measure("Hearth, one node", [one], pages, authors, threadId);
  await stop(one.child);

  const two = await Promise.all([startHearthNode(url, redis.url), startHearthNode(url, redis.url)]);
  started.push(...two.map((n) => n.child));
  await measure("Hearth, two nodes with Redis (replies posted to the first)", two, pages, authors, threadId);
  console.log(`\nload average after: ${await loadAverage()}`);
} finally {
  for (const child of started) await stop(child);
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
