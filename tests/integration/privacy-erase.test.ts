// Erasing a member (issue 12) on a real database and a real Hearth on port 0: a member with rows
// through every relation of server/privacy/member-data.ts (privacy-helpers.ts) erases their
// account from /settings/privacy without JavaScript; then a scan generated from the schema (every
// table, every text, varchar, jsonb and uuid column, from information_schema) finds nothing that
// was theirs, except mentions in other members' posts, which stay as written; search finds
// nothing; their socket closes; another member's open chat screen is told the message went;
// reports they filed stay without the reporter; audit rows stay with one anonymous id. A wrong
// passphrase or a missing tick erases nothing.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { chatMessageId } from "#app/contracts/chat.ts";
import { sessionCookieName } from "#server/auth/session-cookie.ts";
import { eraseMember } from "#server/privacy/erase.ts";
import { ERASED_THREAD_TITLE, PLACEHOLDERS } from "#server/privacy/placeholder.ts";
import { adminEnv, createTestDatabase } from "#tests/helpers/db.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { runAdmin } from "#tests/helpers/built-hearth.ts";
import { GOOD_PASSPHRASE, makeMember, uniquePseudonym } from "#tests/helpers/members.ts";
import { untilListening } from "#tests/helpers/live-sockets.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { openSocket, next } from "./chat-helpers.ts";
import { actorOf } from "./moderation-helpers.ts";
import { HOSTILE, EVIDENCE_STRINGS, memberEverywhere, memberRelations, relationRows } from "./privacy-helpers.ts";

const database = await createTestDatabase();
const hearth = await startTestHearth({ database });
const db = database.db;
const m = await memberEverywhere(database);
const cookie = `${sessionCookieName(false)}=${m.token}`;

/** A browser without JavaScript holding the member's session cookie. */
function signedIn() {
  const client = new Browserless(hearth.url);
  client.cookies.set(sessionCookieName(false), m.token);
  return client;
}

/** Strings only the member wrote (their posts, thread title, file, chat message, appeal), or that
 *  name them; the report note they filed is for the moderators and stays (with no reporter). */
const THEIRS = [
  m.pseudonym,
  m.id,
  `Hello ${HOSTILE.script}`,
  "See [my notes]",
  "A picture:",
  `Export ${HOSTILE.markup}`,
  "# Notes",
  "In the lounge",
  "I was only saying thanks.",
  EVIDENCE_STRINGS.place,
  EVIDENCE_STRINGS.description,
  EVIDENCE_STRINGS.caseNumber,
];

async function relationCounts() {
  const counts: Record<string, number> = {};
  for (const { table, column, relation } of memberRelations())
    counts[`${table}.${column}`] = (await relationRows(database, table, column, relation, m.id)).length;
  return counts;
}

/** Every row, in every table, whose text, jsonb or uuid columns hold one of `needles`. */
async function scan(needles: string[]) {
  const columns = await db.execute<{ table_name: string; column_name: string }>(sql`
    select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'uuid', 'ARRAY')
     order by c.table_name, c.column_name`);
  const found: Array<{ table: string; column: string; needle: string; row: Record<string, unknown> }> = [];
  for (const { table_name: table, column_name: column } of columns.rows) {
    for (const needle of needles) {
      const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db.execute<{ row: Record<string, unknown> }>(
        sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where t.${sql.identifier(column)}::text ilike ${pattern}`,
      );
      for (const { row } of rows.rows) found.push({ table, column, needle, row });
    }
  }
  return { columns: columns.rows.length, found };
}

test("a wrong passphrase, or no tick, erases nothing", async () => {
  const before = await relationCounts();
  expect(Object.values(before).every((n) => n > 0)).toBe(true);
  const who = { actor: await actorOf(db, m.id), token: m.token };
  await expect(m.services.privacy.erase(who, { current: "certainly not the passphrase", understood: "on" }, "erase-test")).rejects.toMatchObject({
    name: "Invalid",
  });
  await expect(m.services.privacy.erase(who, { current: GOOD_PASSPHRASE }, "erase-test")).rejects.toMatchObject({ name: "Invalid" });
  // Over HTTP, the page answers with its form again, and the session still works.
  const client = signedIn();
  const page = await client.post("/settings/privacy", { intent: "erase", current: "certainly not the passphrase", understood: "on" });
  expect(page.status).toBe(400);
  expect(pageText(await page.text())).toContain("That is not your current passphrase.");
  expect(await relationCounts()).toEqual(before);
  const settings = await client.get("/settings/privacy");
  expect(settings.status).toBe(200);
  const text = pageText(await settings.text());
  for (const line of ["Erase your account", "cannot be undone", "Your evidence log is erased too", "Erase my account"]) expect(text).toContain(line);
});

test("an erasure that fails half way leaves everything as it was (one transaction)", async () => {
  const before = await relationCounts();
  const scanned = await scan([m.pseudonym]);
  // Its own audit row is written after every relation was erased, before the member row goes.
  await expect(
    eraseMember(db, m.id, async () => {
      throw new Error("stopped half way");
    }),
  ).rejects.toThrow("stopped half way");
  expect(await relationCounts()).toEqual(before);
  expect((await scan([m.pseudonym])).found).toEqual(scanned.found);
});

test("erasing from /settings/privacy leaves nothing of the member, at once, on every screen", { timeout: 120_000 }, async () => {
  const search = async () => JSON.stringify((await m.services.forums.search(await actorOf(db, m.writer.memberId), "picture", 1)).results);
  expect(await search()).toContain("picture");
  const before = await scan(THEIRS);
  expect(before.found.length).toBeGreaterThan(0);

  // Their message, as open screens know it; their socket and another member's, in the lounge.
  const [message] = (await db.execute<{ seq: number }>(sql`select seq from chat_messages where author_id = ${m.id}`)).rows;
  const messageId = chatMessageId(Number(message!.seq));
  await untilListening(database.pool);
  const theirs = await openSocket(hearth, cookie);
  if (theirs.error) throw theirs.error;
  const reader = await openSocket(hearth, `${sessionCookieName(false)}=${m.blocker.token}`);
  if (reader.error) throw reader.error;
  expect((await reader.socket.emitWithAck("chat:join", { room: "lounge" })).ok).toBe(true);
  const closed = new Promise<void>((resolve) => theirs.socket.on("disconnect", () => resolve()));
  const removed = next(reader.socket, "chat:removed", (r) => r.id === messageId);
  const reportsFiled = (await db.execute<{ id: string }>(sql`select id from reports where reporter_id = ${m.id}`)).rows.map((r) => r.id);
  const audited = (
    await db.execute<{ id: string; actor: boolean; target: boolean }>(
      sql`select id, coalesce(actor_id = ${m.id}, false) as actor, coalesce(target_id = ${m.id}, false) as target from audit_log where actor_id = ${m.id} or target_id = ${m.id}`,
    )
  ).rows;
  const auditIds = audited.map((r) => r.id);
  expect(reportsFiled.length).toBeGreaterThan(0);
  expect(auditIds.length).toBeGreaterThan(0);

  // A content warning a moderator wrote, kept in the audit row's detail, naming the member (the
  // one free-text key of a detail: member-data.ts); the rest of the detail is Hearth's own.
  await db.execute(
    sql`insert into audit_log (actor_kind, action, detail) values ('member', 'post.content_warning', ${JSON.stringify({ warning: `About ${m.pseudonym} (and ${m.pseudonym.toLowerCase()})`, n: 1 })}::jsonb)`,
  );

  const client = signedIn();
  const done = await client.post("/settings/privacy", { intent: "erase", current: GOOD_PASSPHRASE, understood: "on" });
  expect(done.status).toBe(302);
  expect(done.headers.get("location")).toBe("/?erased&lang=en");
  expect(done.headers.getSetCookie().join("\n")).toMatch(new RegExp(`${sessionCookieName(false)}=;|Max-Age=0`, "i"));
  expect(client.cookies.size).toBe(0);
  expect(pageText(await (await client.get("/?erased")).text())).toContain("Your account has been erased.");
  // The old cookie signs in no more.
  expect((await signedIn().get("/settings/privacy")).headers.get("location")).toMatch(/^\/login/);

  await closed;
  expect(await removed).toEqual({ room: "lounge", id: messageId });
  reader.socket.disconnect();

  // The scan: generated from the schema, every row of every table.
  const after = await scan(THEIRS);
  expect(after.columns).toBeGreaterThan(50);
  const othersMentions = after.found.filter((f) => f.table === "posts" && f.needle === m.pseudonym && f.row.author_id !== null && f.row.author_id !== m.id);
  expect(othersMentions.length).toBeGreaterThan(0);
  expect(othersMentions.every((f) => String(f.row.body_source).includes(`@${m.pseudonym}`))).toBe(true);
  expect(after.found.filter((f) => !othersMentions.includes(f)).map((f) => `${f.table}.${f.column}: ${f.needle}`)).toEqual([]);

  // What stays: the thread under a neutral title, their posts as placeholders, others' replies.
  const thread = await db.execute<{ title: string; author_id: string | null }>(
    sql`select t.title, t.author_id from threads t join posts p on p.thread_id = t.id where p.id = ${m.firstPostId}`,
  );
  expect(thread.rows[0]).toEqual({ title: ERASED_THREAD_TITLE, author_id: null });
  const placeholder = await db.execute(sql`select status, body_source, body_html, author_id from posts where id = ${m.firstPostId}`);
  expect(placeholder.rows[0]).toEqual({ status: "deleted", body_source: "", body_html: "", author_id: null });
  const reports = await db.execute<{ reporter_id: string | null }>(
    sql`select reporter_id from reports where id in ${sql.raw(`('${reportsFiled.join("','")}')`)}`,
  );
  expect(reports.rows).toEqual(reportsFiled.map(() => ({ reporter_id: null })));
  const audits = await db.execute<{ id: string; actor_id: string | null; target_id: string | null; action: string }>(
    sql`select id, actor_id, target_id, action from audit_log where id in ${sql.raw(`('${auditIds.join("','")}')`)}`,
  );
  expect(audits.rows.length).toBe(auditIds.length);
  // Each row keeps its action; where the member's id was, one anonymous id made for this erasure.
  const was = new Map(audited.map((r) => [r.id, r]));
  const anonymous = new Set(audits.rows.flatMap((r) => [...(was.get(r.id)!.actor ? [r.actor_id] : []), ...(was.get(r.id)!.target ? [r.target_id] : [])]));
  expect(audits.rows.every((r) => r.action.length > 0)).toBe(true);
  expect(anonymous.has(null)).toBe(false);
  expect(anonymous.size).toBe(1);
  const [erasure] = (
    await db.execute<{ target_id: string; actor_kind: string }>(sql`select target_id, actor_kind from audit_log where action = 'member.erase'`)
  ).rows;
  expect(erasure).toEqual({ target_id: [...anonymous][0], actor_kind: "system" });

  // Moderators' text keeps a marker where the member's name was.
  const marked = await db.execute<{ n: number }>(sql`
    select (select count(*) from audit_log where reason = ${"Warned [erased member] for sharing a screenshot"})::int
         + (select count(*) from member_notes where body = ${"Argued with [erased member] about a reply."})::int
         + (select count(*) from audit_log where detail ->> 'warning' = ${"About [erased member] (and [erased member])"})::int as n`);
  expect(marked.rows[0]!.n).toBe(3);
  // Each thread counts what its pages list: visible posts and the placeholders erasure left.
  const counts = await db.execute<{ id: string; post_count: number; listed: number }>(sql`
    select t.id, t.post_count, (select count(*)::int from posts p where p.thread_id = t.id and p.status in ('visible', 'deleted')) as listed
    from threads t where t.status <> 'pending' and t.id in (select thread_id from posts where id in (${m.firstPostId}, ${m.replyId}))`);
  expect(counts.rows.length).toBe(2);
  expect(counts.rows.filter((r) => r.post_count !== r.listed)).toEqual([]);

  expect(await search()).not.toContain("picture");
  expect(await relationCounts()).toEqual(Object.fromEntries(Object.keys(await relationCounts()).map((k) => [k, 0])));
});

test("npm run admin -- erase-member NAME erases the same way, audited as the operator without the name", { timeout: 60_000 }, async () => {
  const env = adminEnv(database);
  const other = await makeMember(db, { pseudonym: uniquePseudonym("Leaving") });
  const thread = await m.services.forums.createThread(await actorOf(db, other.memberId), "support", {
    title: "Leaving soon",
    body: "Words of mine, to be erased (CLI-ERASE-3b1f).",
    contentWarning: "",
    idempotencyKey: randomUUID(),
  });
  // The name typed again must match; otherwise nothing happens.
  expect((await runAdmin(env, ["erase-member", other.pseudonym], "someone else\n")).code).not.toBe(0);
  expect((await scan([other.memberId])).found.length).toBeGreaterThan(0);
  const run = await runAdmin(env, ["erase-member", other.pseudonym], `${other.pseudonym}\n`);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  expect(run.out).not.toContain(other.pseudonym);
  const left = await scan([other.pseudonym, other.memberId, "CLI-ERASE-3b1f", "Leaving soon"]);
  expect(left.found.map((f) => `${f.table}.${f.column}: ${f.needle}`)).toEqual([]);
  const rows = await db.execute<{ actor_kind: string; target_id: string; detail: unknown }>(
    sql`select actor_kind, target_id, detail from audit_log where action = 'member.erase' and actor_kind = 'operator'`,
  );
  expect(rows.rows).toHaveLength(1);
  expect(run.out).toContain(rows.rows[0]!.target_id);
  expect(JSON.stringify(rows.rows)).not.toContain(other.pseudonym);
  const [post] = (await db.execute(sql`select status, body_source, author_id from posts where id = ${thread.postId}`)).rows;
  expect(post).toEqual({ status: "deleted", body_source: "", author_id: null });
  expect((await runAdmin(env, ["erase-member", "nobody-has-this-name"], "nobody-has-this-name\n")).code).toBe(1);
});

test("every table the map erases by placeholder has one (erase.ts refuses a table without)", () => {
  const placeholderTables = memberRelations()
    .filter(({ relation }) => relation.erase === "placeholder")
    .map(({ table }) => table);
  expect(placeholderTables.length).toBeGreaterThan(0);
  expect(placeholderTables.filter((table) => !PLACEHOLDERS[table])).toEqual([]);
});
