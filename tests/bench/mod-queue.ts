// Moderation benchmark (issue 9): /mod with 10,000 open queue items and an audit log of 100,000
// rows, at 20 connections, signed in as a moderator of every forum and as a moderator of one
// forum, beside the audit log's first page and the minimal page (/ping) of the same server in the
// same run, on the embedded PostgreSQL. Prints figures and ratios; asserts nothing.
// Run: npm run build && npx tsx tests/bench/mod-queue.ts   (BENCH_SECONDS=10 by default)
// It also counts the SQL statements a page costs (PostgreSQL's own commit counter over 50 loads,
// less /ping's, which is the session's) and, with BENCH_EXPLAIN=1, prints EXPLAIN ANALYZE of the
// queue's and the audit log's queries as the services build them, against the seeded data.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { connectEmbedded } from "#db/client.ts";
import { embeddedLayout } from "#db/embedded/server.ts";
import * as schema from "#db/schema.ts";
import { forums, members, moderatorForums } from "#db/schema.ts";
import type { Actor } from "#server/authz/policy.ts";
import { auditPage } from "#server/moderation/audit-page.ts";
import { queuePage } from "#server/moderation/queue-page.ts";
// The renderer's real version: with any other, the media sweeper would re-render all 10,000
// posts during the measurement.
import { SANITIZER_VERSION } from "#server/media/render-markdown.ts";
import { joinForCookie, loadSignedIn, rssMb, startHearth, START_FLAGS } from "./hearth-process.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const AUDIT_ROWS = Number(process.env.BENCH_AUDIT ?? 100_000);
const CONNECTIONS = 20;

const load = (url: string, cookie: string) => loadSignedIn(hearth.child.pid!, url, cookie, { connections: CONNECTIONS, seconds: SECONDS });

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-bench-mod-"));
// BENCH_PROFILE=/tmp/prof writes a V8 CPU profile of the server (node --cpu-prof) there.
const hearth = await startHearth(dataDir, process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);
try {
  const join = (pseudonym: string) => joinForCookie(hearth.url, pseudonym);
  const moderatorCookie = await join("BenchModerator");
  const scopedCookie = await join("BenchForumModerator");
  await join("BenchWriter");
  const database = connectEmbedded(await embeddedLayout(dataDir));
  const db = database.db;
  const id = async (pseudonym: string) => (await db.select({ id: members.id }).from(members).where(eq(members.pseudonym, pseudonym)))[0]!.id;
  const [moderator, scoped, writer] = [await id("BenchModerator"), await id("BenchForumModerator"), await id("BenchWriter")];
  await db.update(members).set({ role: "moderator" }).where(sql`${members.id} in (${moderator}, ${scoped})`);
  const allForums = await db.select({ id: forums.id, slug: forums.slug }).from(forums).orderBy(forums.position);
  await db.insert(moderatorForums).values({ memberId: scoped, forumId: allForums[0]!.id });

  // Seeded in bulk with SQL: one thread per 50 items, one reported post per item, spread over the
  // forums, with the priorities and reasons a real queue has.
  const started = Date.now();
  await db.execute(sql`
    with f as (select id, row_number() over (order by position) - 1 as n, count(*) over () as total from ${forums})
    insert into threads (forum_id, author_id, title, post_count)
    select f.id, ${writer}, 'Benchmark thread ' || g, 50 from generate_series(0, ${Math.ceil(ITEMS / 50) - 1}) g join f on f.n = g % f.total`);
  await db.execute(sql`
    with t as (select id, row_number() over (order by created_at, id) - 1 as n from threads)
    insert into posts (thread_id, author_id, body_source, body_html, sanitizer_version, idempotency_key, content_warning)
    select t.id, ${writer}, 'A reported post ' || g, '<p>A reported post ' || g || '</p>', ${SANITIZER_VERSION}, 'bench-' || g, case when g % 7 = 0 then 'a warning' end
    from generate_series(0, ${ITEMS - 1}) g join t on t.n = g / 50`);
  await db.execute(sql`
    insert into reports (target_kind, post_id, reporter_id, reason, note)
    select 'post', p.id, ${moderator}, (array['harassment','identifying','image','self-harm','spam','other'])[1 + (row_number() over (order by p.id)) % 6]::report_reason, 'a note'
    from posts p`);
  await db.execute(sql`
    insert into queue_items (kind, forum_id, target_key, post_id, thread_id, member_id, priority, report_count, detail)
    select 'report', t.forum_id, 'post:' || p.id, p.id, p.thread_id, p.author_id,
           case r.reason when 'self-harm' then 0 when 'identifying' then 1 when 'image' then 3 when 'harassment' then 4 else 8 end,
           1, jsonb_build_object('reasons', jsonb_build_array(r.reason::text))
    from posts p join threads t on t.id = p.thread_id join reports r on r.post_id = p.id`);
  await db.execute(sql`
    with f as (select id, row_number() over (order by position) - 1 as n, count(*) over () as total from ${forums})
    insert into audit_log (at, actor_kind, actor_id, action, target_kind, target_id, forum_id, reason)
    select now() - (g || ' seconds')::interval, 'member', ${moderator}, (array['post.remove','post.approve','thread.lock','member.warn'])[1 + g % 4], 'post', gen_random_uuid(), f.id, 'Benchmark reason'
    from generate_series(1, ${AUDIT_ROWS}) g join f on f.n = g % f.total`);
  // As autovacuum leaves a live table: statistics and the visibility map (index-only scans).
  await db.execute(sql`vacuum analyze`);
  const [counts] = (
    await db.execute<{ items: number; audit: number }>(
      sql`select (select count(*)::int from queue_items where resolved_at is null) as items, (select count(*)::int from audit_log) as audit`,
    )
  ).rows;
  console.log(`seeded ${counts!.items} open items and ${counts!.audit} audit rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (process.env.BENCH_EXPLAIN) await explain(database.pool, moderator, scoped, allForums[0]!.id, allForums[1]!.slug);

  // The page must be the queue, not a redirect or a refusal.
  const probe = await fetch(`${hearth.url}/mod`, { headers: { cookie: moderatorCookie }, redirect: "manual" });
  if (probe.status !== 200) throw new Error(`/mod answered ${probe.status}`);
  const probeHtml = await probe.text();
  if (!probeHtml.includes("Spam or advertising")) throw new Error("/mod lacks the reason templates");
  console.log(`/mod is ${Math.round(probeHtml.length / 1024)} KB, ${(probeHtml.match(/<[a-z]/g) ?? []).length} elements`);
  if (process.env.BENCH_DUMP) await import("node:fs/promises").then((fs) => fs.writeFile(process.env.BENCH_DUMP!, probeHtml));

  // Statements per page: transactions committed in Hearth's database over 50 sequential loads
  // (each statement outside a transaction commits one), after PostgreSQL has flushed its counters.
  const commits = async () => {
    await new Promise((r) => setTimeout(r, 11_000)); // idle backends report within 10 s
    const { rows } = await database.pool.query<{ n: string }>("select xact_commit as n from pg_stat_database where datname = current_database()");
    return Number(rows[0]!.n);
  };
  const statements = async (url: string, cookie: string) => {
    const before = await commits();
    for (let i = 0; i < 50; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer();
    return ((await commits()) - before - 1) / 50; // less the counter's own read
  };
  const perPage: Record<string, number> = {};
  for (const [name, url, cookie] of [
    ["/ping", "/ping", moderatorCookie],
    ["/mod", "/mod", moderatorCookie],
    ["/mod?page=200", "/mod?page=200", moderatorCookie],
    ["/mod, one forum", "/mod", scopedCookie],
    ["/mod/audit", "/mod/audit", moderatorCookie],
    ["/ping, again", "/ping", moderatorCookie],
  ] as const)
    perPage[name] = await statements(`${hearth.url}${url}`, cookie);
  console.log("SQL statements per page (the session's included, as /ping shows):", perPage);
  await database.close();

  const rows: Record<string, Awaited<ReturnType<typeof load>>> = {};
  rows["minimal React Router page (/ping)"] = await load(`${hearth.url}/ping`, moderatorCookie);
  rows["/mod, moderator of all forums"] = await load(`${hearth.url}/mod`, moderatorCookie);
  rows["/mod?page=200, moderator of all forums"] = await load(`${hearth.url}/mod?page=200`, moderatorCookie);
  rows["/mod, moderator of one forum"] = await load(`${hearth.url}/mod`, scopedCookie);
  rows["/mod?kind=report&forum=…, filtered"] = await load(`${hearth.url}/mod?kind=report&forum=${allForums[1]!.slug}`, moderatorCookie);
  rows["/mod/audit, first page"] = await load(`${hearth.url}/mod/audit`, moderatorCookie);
  console.log(
    `\n${SECONDS} s per run, ${CONNECTIONS} connections, signed in, on ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; ${["node", ...START_FLAGS, "build/hearth.js"].join(" ")}`,
  );
  console.log(`Hearth's RSS after the runs: ${await rssMb(hearth.child.pid!)} MB (PostgreSQL is separate)`);
  console.table(rows);
} finally {
  hearth.child.kill("SIGTERM");
  await new Promise((r) => hearth.child.once("exit", r));
  await rm(dataDir, { recursive: true, force: true });
}

/** EXPLAIN ANALYZE of each statement the queue and audit services send, captured as drizzle builds them. */
async function explain(pool: import("pg").Pool, moderatorId: string, scopedId: string, scopedForum: string, filterSlug: string) {
  const captured: Array<{ query: string; params: unknown[] }> = [];
  const logging = drizzle(pool, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } });
  const actor = (id: string, moderatedForums: string[] | null): Actor => ({
    id,
    role: "moderator",
    status: "active",
    suspendedUntil: null,
    postingPaused: false,
    moderatedForums,
  });
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["/mod", () => queuePage(logging, actor(moderatorId, null), { page: 1 })],
    ["/mod?page=200", () => queuePage(logging, actor(moderatorId, null), { page: 200 })],
    ["/mod, one forum", () => queuePage(logging, actor(scopedId, [scopedForum]), { page: 1 })],
    ["/mod?kind=report&forum=…", () => queuePage(logging, actor(moderatorId, null), { kind: "report", forum: filterSlug, page: 1 })],
    ["/mod/audit", () => auditPage(logging, actor(moderatorId, null), { page: 1 })],
    ["/mod/audit?page=200", () => auditPage(logging, actor(moderatorId, null), { page: 200 })],
    ["/mod/audit, one forum", () => auditPage(logging, actor(scopedId, [scopedForum]), { page: 1 })],
  ];
  for (const [name, run] of cases) {
    captured.length = 0;
    await run();
    console.log(`\n===== ${name}: ${captured.length} statements`);
    for (const { query, params } of captured) {
      console.log(`--- ${query.slice(0, 160).replace(/\s+/g, " ")}…`);
      await pool.query(query, params); // warm
      const plan = await pool.query(`explain (analyze, buffers) ${query}`, params);
      console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
  }
}
