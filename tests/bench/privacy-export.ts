// Member export benchmark (issue 12: "export of a member with 10,000 posts and 10,000 chat
// messages: time and peak memory"): a member who joined through the real sign-up (so their
// evidence log opens with their session), with 100 evidence entries added through the service,
// 10,000 posts of realistic length over 100 threads (rendered once by the real renderer, as
// posting stores them) and 10,000 chat messages, on an embedded PostgreSQL in a temporary
// directory. Each format is read through the same web stream the download route answers with,
// chunk by chunk as a client takes it: time to the first chunk and to the end, the file's size,
// and this process's peak RSS and heap while it streams (sampled at every chunk), then once more
// with a full collection every few chunks for what stays reachable. Prints figures; asserts nothing.
// Run: npx tsx tests/bench/privacy-export.ts   (BENCH_POSTS=10000, BENCH_MESSAGES=10000, BENCH_RUNS=3)
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { sql } from "drizzle-orm";
import { openDatabase } from "#db/client.ts";
import { applyMigrations } from "#db/migrate.ts";
import { seedDefaults } from "#db/seed.ts";
import { DEFAULT_LIMITS, memoryThrottle } from "#server/auth/throttle.ts";
import type { EvidenceWho } from "#server/evidence/services.ts";
import { renderMarkdown, SANITIZER_VERSION } from "#server/media/render-markdown.ts";
import type { ExportFormat } from "#server/privacy/services.ts";
import { webStream } from "#server/privacy/stream.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PASSPHRASE = "a bench passphrase here";
const THREADS = 100;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

// Posts as members write them: a few sentences to a few paragraphs, some with a list, a link or
// emphasis; every other one in Chinese.
const ENGLISH = [
  "I wanted to say thank you for the replies last week. It helped more than I expected to read that others went through the same thing.",
  "Some days are better. Today I managed to **report two more copies**, and one was taken down within hours.",
  "Things that helped me:\n\n- writing down every link before reporting it\n- asking a friend to sit with me\n- taking breaks",
  "The guide at https://example.org/takedown-guide explains the steps for each platform. It is long, but worth it.",
];
const CHINESE = [
  "谢谢大家上周的回复。看到别人也经历过同样的事，比我想象的更有帮助。",
  "有些日子会好一点。今天我又**举报了两个副本**，其中一个几个小时内就被删除了。",
  "对我有帮助的事：\n\n- 举报之前先把每个链接记下来\n- 请朋友陪着我\n- 适当休息",
];
const BODIES = Array.from({ length: 24 }, (_, i) => {
  const pool = i % 2 ? CHINESE : ENGLISH;
  return Array.from({ length: 1 + (i % 4) }, (_, n) => pool[(i + n) % pool.length]!).join("\n\n");
});
const RENDERED = BODIES.map((body) => renderMarkdown(body));

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-privacy-"));
const database = await openDatabase({ dataDir });
try {
  await applyMigrations(database);
  await seedDefaults(database.db);
  const db = database.db;
  const services = createServices({ db, throttle: memoryThrottle({ ...DEFAULT_LIMITS, postsPerMinute: 1e6 }), live: createNotifyLive(database.pool) });
  const joined = await services.auth.signUp({ pseudonym: "BenchExporter", password: PASSPHRASE, confirmPassword: PASSPHRASE }, "bench");
  const memberId = joined.memberId;
  const who: EvidenceWho = {
    actor: { id: memberId, role: "member", status: "active", suspendedUntil: null, postingPaused: false, moderatedForums: null },
    token: joined.token,
  };
  console.log(
    `Node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} before seeding`,
  );

  for (let i = 0; i < 100; i++)
    await services.evidence.add(who, {
      platform: "telegram",
      place: `Night Owls ${i}`,
      links: `https://t.me/nightowls/${i}\nhttps://t.me/nightowls/${i + 1000}`,
      description: "Two photos from 2023, with my first name in the caption. ".repeat(1 + (i % 4)),
      postedBy: `@owl_admin_${i}`,
      status: "reported",
      timeZone: "UTC",
    });
  await db.execute(sql`
    insert into threads (forum_id, author_id, title, post_count, created_at)
    select (select id from forums where slug = 'support'), ${memberId}, 'Bench thread ' || g, ${POSTS / THREADS}, now() - make_interval(days => g)
    from generate_series(1, ${THREADS}) g`);
  await db.execute(sql`
    insert into posts (thread_id, author_id, body_source, body_html, sanitizer_version, idempotency_key, created_at)
    select t.id, ${memberId}, ${JSON.stringify(BODIES)}::jsonb ->> (g % ${BODIES.length}), ${JSON.stringify(RENDERED)}::jsonb ->> (g % ${RENDERED.length}), ${SANITIZER_VERSION},
      'bench-' || g, now() - make_interval(secs => g * 60)
    from generate_series(1, ${POSTS}) g
    join lateral (select id from threads where author_id = ${memberId} order by created_at offset (g % ${THREADS}) limit 1) t on true`);
  await db.execute(sql`
    insert into chat_messages (room_id, seq, author_id, body, client_id, created_at)
    select (select id from chat_rooms where slug = 'lounge'), g, ${memberId},
      case when g % 2 = 0 then 'Good morning, everyone. How is today going?' else '大家早上好，今天过得怎么样？' end || ' ' || g,
      'bench-' || g, now() - make_interval(secs => g * 30)
    from generate_series(1, ${MESSAGES}) g`);
  await db.execute(sql`update chat_rooms set last_seq = ${MESSAGES} where slug = 'lounge'`);
  await db.execute(sql`vacuum analyze`);
  const [counts] = (
    await db.execute<{ posts: number; messages: number; entries: number }>(sql`
      select (select count(*) from posts where author_id = ${memberId})::int as posts,
        (select count(*) from chat_messages where author_id = ${memberId})::int as messages,
        (select count(*) from evidence_entries where member_id = ${memberId})::int as entries`)
  ).rows;
  console.log(`member: ${counts!.posts} posts in ${THREADS} threads, ${counts!.messages} chat messages, ${counts!.entries} evidence entries`);

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
