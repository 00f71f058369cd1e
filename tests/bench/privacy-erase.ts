// Erasure benchmark (issue 12: "erasure of a member with 10,000 posts and 10,000 chat messages:
// time, and the time other requests wait meanwhile"). The built Hearth (as `npm start` runs it,
// on its embedded PostgreSQL in a temporary directory) and, for each run, a fresh member seeded
// as the export benchmark's is (privacy-member.ts: real sign-up, 100 evidence entries, 10,000
// posts over 100 threads, 10,000 chat messages in the lounge), with 20 of those posts moved into
// a thread another member started. While other members do ordinary work over HTTP at a steady
// rate (a new request on a timer, whether or not the last one has been answered, so a request
// that waits shows as waiting): reading one of the member's threads and the forum's thread
// list, replying in a thread the member started (its row is one the erasure updates: the worst
// case for row locks), in the other member's thread the member posted in, and, in a third
// thread, with an @mention of the member (a notification row that points to the member's row,
// which the erasure holds locked), sending a chat message in the lounge, and signing in. After a baseline, the member erases their account as
// they would, by the form on /settings/privacy (passphrase and tick); the erasure's time is that
// POST's. Each request is classed by whether it overlapped the erasure. Meanwhile PostgreSQL is
// sampled: which statements wait on a lock and what the lock holder is running, and which
// statement the erasure is in. Each run checks the erasure happened (no member row, no text left
// in their posts, no chat messages or evidence entries). Prints figures; asserts nothing.
// Run: npm run build && npx tsx tests/bench/privacy-erase.ts
//   (BENCH_POSTS=10000, BENCH_MESSAGES=10000, BENCH_RUNS=5, BENCH_BASELINE_SECONDS=3,
//    BENCH_LIMIT_SECONDS=170: no new run starts after that many seconds)
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { connectEmbedded } from "#db/client.ts";
import { embeddedLayout } from "#db/embedded/server.ts";
import { sessionCookieName } from "#server/auth/session-cookie.ts";
import { DEFAULT_LIMITS, memoryThrottle } from "#server/auth/throttle.ts";
import { createThread } from "#server/forums/posting.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { writeSetting } from "#server/settings/store.ts";
import { rssMb, startHearth, START_FLAGS } from "./hearth-process.ts";
import { memberCounts, newMember, PASSPHRASE, seedMember, THREADS } from "./privacy-member.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 3);
const LIMIT_SECONDS = Number(process.env.BENCH_LIMIT_SECONDS ?? 170);
const MOVED_POSTS = 20;
// Hearth lets a member post 6 times a minute (server/auth/throttle.ts): replies rotate over this
// many writers, each used at most 6 times in any 61 s.
const WRITERS = 60;
const SAMPLE_MS = 20;

/** Requests a second per kind: a busy evening on a small forum, on two cores; replies in the
 *  member's thread the most often of the writes, since they are the ones that can meet a lock. */
const RATES = {
  "thread page": 5,
  "forum list": 5,
  "reply, member's thread": 5,
  "reply, other's thread": 2,
  "reply naming the member": 2,
  "chat send": 4,
  "sign-in": 2,
} as const;
type Kind = keyof typeof RATES;
const KINDS = Object.keys(RATES) as Kind[];

const began = performance.now();
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model}), load average ${load()} at the start`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-erase-"));
const hearth = await startHearth(dataDir);
const pid = hearth.child.pid!;
const database = connectEmbedded(await embeddedLayout(dataDir));
const db = database.db;
try {
  // The bench's own services on the same database, for sign-ups and seeding only; every request
  // measured goes to the Hearth process over HTTP.
  const throttle = memoryThrottle({ ...DEFAULT_LIMITS, signUps: 1e6, postsPerMinute: 1e6 });
  const services = createServices({ db, throttle, live: createNotifyLive(database.pool) });
  await writeSetting(db, "probation.posts", 0); // ordinary members, not new ones held for review
  const join = async (pseudonym: string) => {
    const joined = await services.auth.signUp({ pseudonym, password: PASSPHRASE, confirmPassword: PASSPHRASE }, "bench");
    return { ...newMember(joined), pseudonym, cookie: `${sessionCookieName(false)}=${joined.token}` };
  };
  const reader = await join("BenchReader");
  const chatter = await join("BenchChatter");
  const signer = await join("BenchSigner");
  const other = await join("BenchOther");
  const writers: Array<Awaited<ReturnType<typeof join>> & { used: number[] }> = [];
  for (let i = 0; i < WRITERS; i++) writers.push({ ...(await join(`BenchWriter${i}`)), used: [] as number[] });
  const otherThread = await createThread({ db, throttle }, other.actor, "support", {
    title: "How do you keep going on the hard days?",
    body: "Asking for ideas. Anything small helps.",
    idempotencyKey: randomUUID(),
  });
  // Its own thread, so that replies held up behind a mention's lock do not hold up the others.
  const mentionThread = await createThread({ db, throttle }, other.actor, "support", {
    title: "Small wins this week",
    body: "Share one thing that went right, however small.",
    idempotencyKey: randomUUID(),
  });

  function writer() {
    const now = performance.now();
    for (const w of writers) {
      w.used = w.used.filter((t) => now - t < 61_000);
      if (w.used.length < 6) {
        w.used.push(now);
        return w;
      }
    }
    return null;
  }

  /** A form POST as Chromium sends it without JavaScript; the answer read to its end. */
  const post = async (url: string, cookie: string | null, form: Record<string, string>) => {
    const r = await fetch(`${hearth.url}${url}`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "null", "sec-fetch-site": "same-origin", ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(form),
    });
    await r.arrayBuffer();
    return r;
  };
  const get = (url: string, cookie: string) => fetch(`${hearth.url}${url}`, { redirect: "manual", headers: { cookie } });

  type Answer = { ok: boolean; status: string };
  /** The member being erased: one of their threads, and their pseudonym for mentions. */
  type Them = { thread: string; pseudonym: string };
  type Sample = Answer & { kind: Kind; start: number; end: number };

  /** One request of a kind; whether Hearth answered as it answers success, and what it answered. */
  async function request(kind: Kind, them: Them): Promise<Answer> {
    const redirected = (r: Response, good: (location: string) => boolean = () => true) => {
      const location = r.headers.get("location") ?? "";
      return { ok: r.status === 302 && good(location), status: `${r.status}` };
    };
    switch (kind) {
      case "thread page":
      case "forum list": {
        const r = await get(kind === "thread page" ? `/t/${them.thread}` : "/f/support", reader.cookie);
        await r.arrayBuffer();
        return { ok: r.status === 200, status: `${r.status}` };
      }
      case "reply, member's thread":
      case "reply, other's thread":
      case "reply naming the member": {
        const w = writer();
        if (!w) return { ok: false, status: "no writer under the posting limit" };
        const thread = {
          "reply, member's thread": them.thread,
          "reply, other's thread": otherThread.threadId,
          "reply naming the member": mentionThread.threadId,
        }[kind];
        const thanks = "Thank you for writing this. It helped me today.";
        // A mention notifies the member named: a row that points to the member's own row.
        const body = kind === "reply naming the member" ? `@${them.pseudonym} ${thanks}` : thanks;
        const r = await post(`/t/${thread}`, w.cookie, { intent: "post", idempotencyKey: randomUUID(), body });
        return redirected(r, (location) => location.startsWith(`/t/${thread}`));
      }
      case "chat send":
        return redirected(await post("/chat/lounge", chatter.cookie, { intent: "send", clientId: randomUUID(), body: "Good evening, everyone." }));
      case "sign-in":
        return redirected(await post("/login", null, { pseudonym: signer.pseudonym, password: PASSPHRASE }), (location) => location === "/");
    }
  }

  /** Sends every kind at its rate until `stop()`, then waits for the answers. */
  function steadyLoad(them: Them) {
    const samples: Sample[] = [];
    const inFlight = new Set<Promise<void>>();
    const timers = KINDS.map((kind) =>
      setInterval(() => {
        const start = performance.now();
        const p = request(kind, them)
          .catch((err: Error) => ({ ok: false, status: err.name }))
          .then((answer) => {
            samples.push({ kind, start, end: performance.now(), ...answer });
            inFlight.delete(p);
          });
        inFlight.add(p);
      }, 1000 / RATES[kind]),
    );
    return {
      async stop() {
        for (const t of timers) clearInterval(t);
        await Promise.all(inFlight);
        return samples;
      },
    };
  }

  /** Time seen waiting for one lock, and what the holder was running meanwhile (and how long). */
  type Wait = { ms: number; most: number; holders: Map<string, number> };
  function addWait(waits: Map<string, Wait>, key: string, more: Wait) {
    const entry = waits.get(key) ?? { ms: 0, most: 0, holders: new Map<string, number>() };
    entry.ms += more.ms;
    entry.most = Math.max(entry.most, more.most);
    for (const [holder, ms] of more.holders) entry.holders.set(holder, (entry.holders.get(holder) ?? 0) + ms);
    waits.set(key, entry);
  }

  /** While `until` is pending, every SAMPLE_MS or so: the statements running, those waiting on a
   *  lock (with the lock, and what its holder is running meanwhile), and when the member's row
   *  went (the erasure's commit, as another connection sees it). Each sample counts for the time
   *  since the one before, so the figures are approximate times in each state. */
  function samplePostgres(until: Promise<unknown>, memberId: string, t0: number) {
    const waits = new Map<string, Wait>();
    const running = new Map<string, number>();
    let committedMs: number | null = null;
    let done = false;
    void until.finally(() => (done = true));
    const oneLine = (q: string) => q.replace(/\s+/g, " ").slice(0, 110);
    const run = (async () => {
      let last = performance.now();
      while (!done) {
        const active = await db.execute<{ query: string; lock: string | null; holder: string | null }>(sql`
          select a.query,
            (select string_agg(distinct l.locktype || ' ' || l.mode, ', ') from pg_locks l where l.pid = a.pid and not l.granted) as lock,
            (select b.query from pg_stat_activity b where b.pid = any(pg_blocking_pids(a.pid)) limit 1) as holder
          from pg_stat_activity a
          where a.datname = current_database() and a.state = 'active' and a.pid <> pg_backend_pid()`);
        const now = performance.now();
        const dt = now - last;
        last = now;
        const waiting = new Map<string, { n: number; holders: Set<string> }>();
        for (const row of active.rows) {
          if (row.lock === null) running.set(oneLine(row.query), (running.get(oneLine(row.query)) ?? 0) + dt);
          else {
            const key = `${oneLine(row.query)}\n      waits for ${row.lock}`;
            const entry = waiting.get(key) ?? { n: 0, holders: new Set<string>() };
            entry.n++;
            entry.holders.add(oneLine(row.holder ?? "?"));
            waiting.set(key, entry);
          }
        }
        for (const [key, { n, holders }] of waiting) addWait(waits, key, { ms: dt, most: n, holders: new Map([...holders].map((h) => [h, dt])) });
        if (committedMs === null) {
          const [row] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from members where id = ${memberId}`)).rows;
          if (row!.n === 0) committedMs = performance.now() - t0;
        }
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
    })();
    return run.then(() => ({ waits, running, committedMs }));
  }

  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // Warm-up (JIT, pool, prepared statements) on a thread of another member's, not counted.
  {
    const warm = steadyLoad({ thread: otherThread.threadId, pseudonym: other.pseudonym });
    await wait(2000);
    await warm.stop();
  }

  const runs: Array<{
    eraseMs: number;
    committedMs: number | null;
    status: string;
    check: Record<string, number | string>;
    peakRss: number;
    samples: Sample[];
    window: [number, number];
  }> = [];
  const waits = new Map<string, Wait>();
  const running = new Map<string, number>();
  const rssBefore = await rssMb(pid);
  for (let run = 0; run < RUNS; run++) {
    if ((performance.now() - began) / 1000 > LIMIT_SECONDS) {
      console.log(`run ${run + 1} not started: past BENCH_LIMIT_SECONDS=${LIMIT_SECONDS}`);
      break;
    }
    const member = await join(`BenchEraser${run}`);
    await seedMember(db, services, member, { posts: POSTS, messages: MESSAGES });
    await db.execute(sql`
      update posts set thread_id = ${otherThread.threadId}
      where id in (select id from posts where author_id = ${member.actor.id} order by created_at limit ${MOVED_POSTS})`);
    const theirs = await db.execute<{ posts: string; threads: string }>(sql`
      select (select jsonb_agg(id) from posts where author_id = ${member.actor.id})::text as posts,
        (select jsonb_agg(id) from threads where author_id = ${member.actor.id})::text as threads`);
    const { posts: postIds, threads: threadIds } = theirs.rows[0]!;
    const [theirThread] = (await db.execute<{ id: string }>(sql`select id from threads where author_id = ${member.actor.id} order by created_at desc limit 1`))
      .rows;
    const counts = await memberCounts(db, member.actor.id);
    console.log(
      `run ${run + 1}: member with ${counts.posts} posts (${MOVED_POSTS} in another member's thread), ${counts.messages} chat messages, ${counts.entries} evidence entries`,
    );

    const traffic = steadyLoad({ thread: theirThread!.id, pseudonym: member.pseudonym });
    await wait(BASELINE_SECONDS * 1000);
    let peakRss = await rssMb(pid);
    const t0 = performance.now();
    const erasing = post("/settings/privacy", member.cookie, { intent: "erase", current: PASSPHRASE, understood: "on" });
    const sampled = samplePostgres(erasing, member.actor.id, t0);
    const rss = setInterval(() => void rssMb(pid).then((mb) => (peakRss = Math.max(peakRss, mb))), 50);
    const answer = await erasing;
    const t1 = performance.now();
    clearInterval(rss);
    await wait(300);
    const samples = await traffic.stop();
    const pg = await sampled;
    for (const [key, v] of pg.waits) addWait(waits, key, v);
    for (const [key, n] of pg.running) running.set(key, (running.get(key) ?? 0) + n);

    // What is left of the member: the figure above is of an erasure only if all of these are 0.
    const [left] = (
      await db.execute<Record<string, number>>(sql`
        select (select count(*) from members where id = ${member.actor.id})::int as "member row",
          (select count(*) from posts where author_id = ${member.actor.id})::int as "posts by them",
          (select count(*) from posts where id in (select jsonb_array_elements_text(${postIds}::jsonb)::uuid) and (body_source <> '' or body_html <> ''))::int as "their posts with text",
          (select count(*) from posts where id in (select jsonb_array_elements_text(${postIds}::jsonb)::uuid) and status = 'deleted')::int as placeholders,
          (select count(*) from threads where id in (select jsonb_array_elements_text(${threadIds}::jsonb)::uuid) and title like 'Bench thread%')::int as "their titles",
          (select count(*) from chat_messages where author_id = ${member.actor.id})::int as "chat messages",
          (select count(*) from evidence_entries where member_id = ${member.actor.id})::int as "evidence entries",
          (select count(*) from sessions where member_id = ${member.actor.id})::int as sessions`)
    ).rows;
    runs.push({
      eraseMs: t1 - t0,
      committedMs: pg.committedMs,
      status: `${answer.status} ${answer.headers.get("location") ?? ""}`,
      check: left!,
      peakRss,
      samples,
      window: [t0, t1],
    });
  }

  const ms = (n: number | undefined) => (n === undefined ? "-" : Math.round(n));
  const pct = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];

  console.log(
    `\nbuilt Hearth: ${["node", ...START_FLAGS, "build/hearth.js"].join(" ")}; ${BASELINE_SECONDS} s baseline per run; load average ${load()} at the end`,
  );
  console.log("\nEach erasure (POST /settings/privacy, intent erase) and what was left of the member after it:");
  console.table(
    Object.fromEntries(
      runs.map((r, i) => [
        `run ${i + 1}`,
        { "erase ms": ms(r.eraseMs), "row gone at ms": ms(r.committedMs ?? undefined), answer: r.status, ...r.check, "Hearth peak RSS MB": r.peakRss },
      ]),
    ),
  );
  const times = runs.map((r) => r.eraseMs).sort((a, b) => a - b);
  console.log(
    `erasure: median ${ms(pct(times, 0.5))} ms, min ${ms(times[0])} ms, max ${ms(times.at(-1))} ms over ${runs.length} runs; Hearth RSS ${rssBefore} MB before the runs, peak ${Math.max(...runs.map((r) => r.peakRss))} MB during erasures (PostgreSQL is separate)`,
  );

  // Per kind, over every run: requests started in the baseline, and requests that overlapped the
  // erasure (started before its end, answered after its start).
  const table: Record<string, Record<string, string | number>> = {};
  const failures = new Map<string, number>();
  for (const kind of KINDS) {
    const base: number[] = [];
    const during: number[] = [];
    let served = 0;
    let failed = 0;
    let failedDuring = 0;
    for (const r of runs) {
      const [t0, t1] = r.window;
      for (const s of r.samples) {
        if (s.kind !== kind) continue;
        const overlaps = s.start < t1 && s.end > t0;
        if (!s.ok) {
          failed++;
          if (overlaps) failedDuring++;
          const key = `${kind}: ${s.status}${overlaps ? ", overlapping the erasure" : ", outside it"}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
        if (s.start < t0 && s.end <= t0) base.push(s.end - s.start);
        if (overlaps) during.push(s.end - s.start);
        if (s.end > t0 && s.end <= t1) served++;
      }
    }
    base.sort((a, b) => a - b);
    during.sort((a, b) => a - b);
    table[kind] = {
      "base n": base.length,
      "base p50": ms(pct(base, 0.5)),
      "base p95": ms(pct(base, 0.95)),
      "base max": ms(base.at(-1)),
      "during n": during.length,
      "answered during": served,
      "during p50": ms(pct(during, 0.5)),
      "during p95": ms(pct(during, 0.95)),
      "during max": ms(during.at(-1)),
      "p50 ratio": (pct(during, 0.5)! / pct(base, 0.5)!).toFixed(1),
      "p95 ratio": (pct(during, 0.95)! / pct(base, 0.95)!).toFixed(1),
      "failed (during)": `${failed} (${failedDuring})`,
    };
  }
  console.log("\nOther members' requests, ms (baseline: answered before the erasure began; during: overlapping it):");
  console.table(table);
  for (const [key, n] of failures) console.log(`  failed: ${key} ×${n}`);

  console.log(`\nPostgreSQL while erasing, all runs (sampled about every ${SAMPLE_MS} ms; ms ≈ time seen in that state, most = backends at once):`);
  console.log("Lock waits:");
  for (const [key, v] of [...waits].sort((a, b) => b[1].ms - a[1].ms)) {
    const holders = [...v.holders].sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.log(`  ≈${Math.round(v.ms)} ms, most ${v.most} at once: ${key}; what the holder was running meanwhile:`);
    for (const [holder, ms] of holders) console.log(`        ≈${Math.round(ms)} ms: ${holder}`);
  }
  if (!waits.size) console.log("  none");
  console.log("Statements running, not waiting on a lock (the 12 seen longest):");
  for (const [query, n] of [...running].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ≈${Math.round(n)} ms: ${query}`);
  console.log(`members and threads: ${THREADS} threads per erased member; ${WRITERS} writers rotate under the posting limit`);
} finally {
  await database.close();
  hearth.child.kill("SIGTERM");
  await new Promise((r) => hearth.child.once("exit", r));
  await rm(dataDir, { recursive: true, force: true });
}
