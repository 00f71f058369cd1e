// Member export benchmark (issue 12: "export of a member with 10,000 posts and 10,000 chat
// messages: time and peak memory"): a member who joined through the real sign-up (so their
// evidence log opens with their session), with 100 evidence entries added through the service,
// 10,000 posts of realistic length over 100 threads and 10,000 chat messages (privacy-member.ts,
// shared with the erasure benchmark), on an embedded PostgreSQL in a temporary directory. Each
// format is read through the same web stream the download route answers with, chunk by chunk
// as a client takes it: time to the first chunk and to the end, the file's size, and this
// process's peak RSS and heap while it streams (sampled at every chunk), then once more with a
// full collection every few chunks for what stays reachable. Prints figures; asserts nothing.
// Run: npx tsx tests/bench/privacy-export.ts   (BENCH_POSTS=10000, BENCH_MESSAGES=10000, BENCH_RUNS=3)
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { openDatabase } from "#db/client.ts";
import { applyMigrations } from "#db/migrate.ts";
import { seedDefaults } from "#db/seed.ts";
import { DEFAULT_LIMITS, memoryThrottle } from "#server/auth/throttle.ts";
import type { ExportFormat } from "#server/privacy/services.ts";
import { webStream } from "#server/privacy/stream.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { memberCounts, newMember, PASSPHRASE, seedMember, THREADS } from "./privacy-member.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-privacy-"));
const database = await openDatabase({ dataDir });
try {
  await applyMigrations(database);
  await seedDefaults(database.db);
  const db = database.db;
  const services = createServices({ db, throttle: memoryThrottle({ ...DEFAULT_LIMITS, postsPerMinute: 1e6 }), live: createNotifyLive(database.pool) });
  const joined = await services.auth.signUp({ pseudonym: "BenchExporter", password: PASSPHRASE, confirmPassword: PASSPHRASE }, "bench");
  const memberId = joined.memberId;
  const who = newMember(joined);
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} before seeding`,
  );

  await seedMember(db, services, who, { posts: POSTS, messages: MESSAGES });
  const counts = await memberCounts(db, memberId);
  console.log(`member: ${counts.posts} posts in ${THREADS} threads, ${counts.messages} chat messages, ${counts.entries} evidence entries`);

  /** One export through the route's web stream, read chunk by chunk as a client would. */
  async function exportOnce(format: ExportFormat, collect: boolean) {
    gc();
    const start = process.memoryUsage();
    let peakRss = start.rss;
    let peakHeap = start.heapUsed;
    let reachable = start.heapUsed;
    let bytes = 0;
    let chunks = 0;
    let firstChunkMs = 0;
    const started = performance.now();
    const reader = webStream(services.privacy.memberExport(who, format, "en")).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (chunks === 0) firstChunkMs = performance.now() - started;
      chunks++;
      bytes += value.byteLength;
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
      if (collect && chunks % 4 === 0) {
        gc();
        reachable = Math.max(reachable, process.memoryUsage().heapUsed);
      }
    }
    const totalMs = performance.now() - started;
    return { totalMs, firstChunkMs, bytes, chunks, peakRss, peakHeap, reachable, start };
  }

  const rows: Record<string, Record<string, string | number>> = {};
  for (const format of ["json", "html"] as const) {
    await exportOnce(format, false); // warm-up
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await exportOnce(format, false));
    const measured = await exportOnce(format, true);
    const times = runs.map((r) => r.totalMs).sort((a, b) => a - b);
    const worst = runs.reduce((a, b) => (b.peakRss > a.peakRss ? b : a));
    rows[format] = {
      "file MB": mb(runs[0]!.bytes),
      chunks: runs[0]!.chunks,
      "first chunk ms": runs[0]!.firstChunkMs.toFixed(0),
      "median s": (times[Math.floor(times.length / 2)]! / 1000).toFixed(2),
      "max s": (times[times.length - 1]! / 1000).toFixed(2),
      "RSS at start MB": mb(worst.start.rss),
      "peak RSS MB": mb(worst.peakRss),
      "heap at start MB": mb(worst.start.heapUsed),
      "peak heap MB": mb(worst.peakHeap),
      "reachable heap growth MB": mb(measured.reachable - measured.start.heapUsed),
    };
  }
  console.log(
    `\n${RUNS} runs per format after a warm-up; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.table(rows);
  console.log("Peaks are this process's (PostgreSQL is separate); reachable: after a full collection every 4 chunks.");
} finally {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
