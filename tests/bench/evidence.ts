// Evidence log benchmark (issue 11: "listing 1,000 entries, decrypting each: p99 under 100 ms"):
// a member with 1,000 entries of realistic size, half in English and half in Chinese, through the
// real services on the embedded PostgreSQL. Times services.evidence.list (every entry fetched and
// opened) 200 times after a warm-up, beside the SELECT alone, the entries opened and sorted
// without the follow-up marks, adding an entry and the full JSON and CSV exports; then the same
// list for a second member whose every entry has a follow-up date (each is checked against today
// in its zone). Prints p50/p95/p99/max and this process's memory. Prints figures; asserts nothing.
// Run: npx tsx tests/bench/evidence.ts   (BENCH_ENTRIES=1000, BENCH_RUNS=200 by default)
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "#db/client.ts";
import { applyMigrations } from "#db/migrate.ts";
import { evidenceEntries } from "#db/schema.ts";
import { seedDefaults } from "#db/seed.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { allEntries } from "#server/evidence/entries.ts";
import { keyFromSession } from "#server/evidence/keys.ts";
import type { EvidenceWho } from "#server/evidence/services.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARM_UP = 20;
const PASSPHRASE = "a bench passphrase here";

type Summary = { runs: number; "p50 ms": string; "p95 ms": string; "p99 ms": string; "max ms": string };

function summary(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!.toFixed(2);
  return { runs: sorted.length, "p50 ms": at(0.5), "p95 ms": at(0.95), "p99 ms": at(0.99), "max ms": sorted[sorted.length - 1]!.toFixed(2) };
}

async function timed(runs: number, warmUp: number, work: () => Promise<unknown>) {
  for (let i = 0; i < warmUp; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

const memory = () => {
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  return { "RSS MB": mb(m.rss), "heap used MB": mb(m.heapUsed), "heap total MB": mb(m.heapTotal), "external MB": mb(m.external) };
};

// Entries as people write them: a description of a few sentences to a long paragraph, a handful of
// links, one to three reports with case numbers; every other entry in Chinese.
const PLATFORMS = ["telegram", "wechat", "qq", "weibo", "xiaohongshu", "douyin", "x", "reddit", "instagram", "facebook", "website", "other"];
const STATUSES = ["not_reported", "reported", "removed", "no_answer", "appeared_again"];
const ENGLISH =
  "Two photos and a short video from 2023, taken without my knowledge at the flat we shared. The caption gives my first name and the town I live in, and people in the replies are asking for more. ";
const CHINESE = "两张照片和一段短视频，是二〇二三年在我们合租的公寓里偷拍的。配文写了我的名字和我住的城市，评论里有人在要更多。";

function entryForm(i: number, everyFollowUp = false): Record<string, string> {
  const chinese = i % 2 === 1;
  const unit = chinese ? CHINESE : ENGLISH;
  const day = String(1 + (i % 28)).padStart(2, "0");
  const month = String(1 + (i % 12)).padStart(2, "0");
  const form: Record<string, string> = {
    platform: PLATFORMS[i % PLATFORMS.length]!,
    platformDetail: i % 12 >= 10 ? (chinese ? `某论坛 ${i}` : `leak-forum-${i}.example`) : "",
    place: chinese ? `夜猫子交流群 第${i}群（约十万成员）` : `Night Owls ${i} (about 100,000 members)`,
    links: Array.from({ length: 1 + (i % 6) }, (_, n) => `https://t.me/nightowls${i}/${10_000 + n * 37}`).join("\n"),
    seenAt: `2025-${month}-${day}T${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`,
    timeZone: chinese ? "Asia/Shanghai" : "Europe/London",
    description: unit.repeat(1 + (i % 5)).slice(0, 2000),
    postedBy: chinese ? `橘子鹰${i}号` : `@owl_admin_${i}`,
    status: STATUSES[i % STATUSES.length]!,
    followUp: everyFollowUp || i % 3 === 0 ? `2026-${month}-${day}` : "",
  };
  for (let r = 0; r < 1 + (i % 3); r++) {
    form[`report${r}To`] = ["platform", "police", "stopncii"][r]!;
    form[`report${r}Name`] = chinese ? ["平台举报入口", "西湖区公安分局", "StopNCII"][r]! : ["Telegram abuse form", "Metropolitan Police", "StopNCII"][r]!;
    form[`report${r}Case`] = `CASE-${i}-${r}-${(i * 7919) % 100_000}`;
    form[`report${r}On`] = `2025-${month}-${day}`;
  }
  return form;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-evidence-"));
const database = await openDatabase({ dataDir });
try {
  await applyMigrations(database);
  await seedDefaults(database.db);
  const db = database.db;
  const services = createServices({ db, throttle: memoryThrottle(), live: createNotifyLive(database.pool) });
  const join = async (pseudonym: string) => {
    const joined = await services.auth.signUp({ pseudonym, password: PASSPHRASE, confirmPassword: PASSPHRASE }, "bench");
    const who: EvidenceWho = {
      actor: { id: joined.memberId, role: "member", status: "active", suspendedUntil: null, postingPaused: false, moderatedForums: null },
      token: joined.token,
    };
    return { memberId: joined.memberId, who };
  };
  const witness = await join("BenchWitness");
  const who = witness.who;
  console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)} before seeding`);
  console.log("memory at start:", memory());

  // Adding: every entry through the service, each one timed (the first ones warm it up).
  const adds: number[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const started = performance.now();
    await services.evidence.add(who, entryForm(i));
    adds.push(performance.now() - started);
  }
  const following = await join("BenchFollower");
  for (let i = 0; i < ENTRIES; i++) await services.evidence.add(following.who, entryForm(i, true));
  const [stored] = (
    await db.execute<{ n: number; bytes: string; table: string }>(
      sql`select count(*)::int as n, sum(octet_length(sealed))::text as bytes, pg_size_pretty(pg_total_relation_size('evidence_entries')) as "table"
          from ${evidenceEntries} where ${evidenceEntries.memberId} = ${witness.memberId}`,
    )
  ).rows;
  console.log(`${stored!.n} entries per member: ${Math.round(Number(stored!.bytes) / 1024)} KB sealed (the table, both members: ${stored!.table})`);
  console.log("memory after adding:", memory());
  await db.execute(sql`vacuum analyze evidence_entries`);

  for (const m of [witness, following]) {
    const listed = await services.evidence.list(m.who);
    const broken = listed.filter((e) => "broken" in e).length;
    if (listed.length !== ENTRIES || broken > 0) throw new Error(`list gave ${listed.length} entries, ${broken} broken`);
  }
  const dataKey = (await keyFromSession(db, witness.memberId, who.token!))!;

  const rows: Record<string, Summary> = {};
  const memoryAfter: Record<string, ReturnType<typeof memory>> = {};
  const measure = async (name: string, runs: number, warmUp: number, work: () => Promise<unknown>) => {
    rows[name] = summary(await timed(runs, warmUp, work));
    memoryAfter[name] = memory();
  };
  rows[`add one entry (${ENTRIES}, first ${WARM_UP} not counted)`] = summary(adds.slice(WARM_UP));
  await measure(`the SELECT alone (${ENTRIES} rows)`, RUNS, WARM_UP, () =>
    db.select().from(evidenceEntries).where(eq(evidenceEntries.memberId, witness.memberId)),
  );
  await measure(`allEntries: fetched, opened, sorted`, RUNS, WARM_UP, () => allEntries(db, witness.memberId, dataKey));
  await measure(`services.evidence.list, 1 in 3 with a follow-up`, RUNS, WARM_UP, () => services.evidence.list(who));
  await measure(`list filtered (platform = telegram)`, RUNS, WARM_UP, () => services.evidence.list(who, { platform: "telegram" }));
  const json = await services.evidence.exportJson(who);
  await measure(`exportJson (${Math.round(Buffer.byteLength(json) / 1024)} KB)`, 50, 5, () => services.evidence.exportJson(who));
  const csv = await services.evidence.exportCsv(who, "en");
  await measure(`exportCsv (${Math.round(Buffer.byteLength(csv) / 1024)} KB)`, 50, 5, () => services.evidence.exportCsv(who, "en"));
  await measure(`services.evidence.list, every entry with a follow-up`, RUNS, WARM_UP, () => services.evidence.list(following.who));

  console.log(`\n${RUNS} runs per figure after ${WARM_UP} not counted (exports: 50 after 5), load average ${os.loadavg()[0]!.toFixed(2)}`);
  console.table(rows);
  console.log("This process's memory after each series (PostgreSQL is separate):");
  console.table(memoryAfter);
} finally {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
