// Live pages over real sockets (docs/realtime.md, "Live pages"): an open thread hears its new
// replies, edits, removals, approvals and restores, only once they have committed and never a
// post that waits for a moderator; a thread the member cannot read cannot be watched; the
// moderators' queue hears of reports, holds, appeals and resolutions (a plain member does not);
// a mention reaches the mentioned member's header. Everything goes through HTTP as a browser
// without JavaScript sends it, against a real server and database.
//
// "Nothing arrived" is never a sleep: a barrier goes out after the action (a NOTIFY through the
// same path the server uses for commands from other processes, or a later action's push), and a
// socket hears events in the order they were sent, so once the barrier is in, anything the
// action pushed would be in too.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { members, moderationEvents, posts, threads } from "#db/schema.ts";
import { translate } from "#app/i18n/catalog.ts";
import { LIVE_CHANNEL } from "#server/realtime/notify-live.ts";
import { relaxed, startThread } from "#tests/helpers/forums.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { connected, nextEvent, record, type TestSocket, untilListening } from "#tests/helpers/live-sockets.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { landing } from "./holds-helpers.ts";

const hearth = await startTestHearth({ throttle: relaxed() });
const db = hearth.database.db;
await untilListening(hearth.database.pool);

// A reply whose body carries this marker fails at COMMIT (a deferred trigger, this test
// database only): everything inside its transaction has run, then it rolls back.
const FAIL_AT_COMMIT = "fail-at-commit-marker";
await db.execute(
  sql.raw(`
  create function live_test_fail() returns trigger language plpgsql as $$
  begin
    if new.body_source like '%${FAIL_AT_COMMIT}%' then raise exception 'failed at commit (test)'; end if;
    return null;
  end $$;
  create constraint trigger live_test_fail_at_commit after insert on posts
    deferrable initially deferred for each row execute function live_test_fail();`),
);

async function person(role: "member" | "moderator" | "admin" = "member") {
  const m = await makeMember(db);
  await db.update(members).set({ role, approvedPosts: 10 }).where(eq(members.id, m.memberId));
  const client = new Browserless(hearth.url);
  expect((await client.post("/login", { pseudonym: m.pseudonym, password: m.password })).status).toBe(302);
  return { id: m.memberId, pseudonym: m.pseudonym, client };
}
type Person = Awaited<ReturnType<typeof person>>;

async function watching(who: Person, threadId: string) {
  const socket = await connected(who.client);
  expect(await socket.emitWithAck("thread:watch", { thread: threadId })).toEqual({ ok: true });
  return socket;
}

/** Every command already sent to `who`'s screens has reached `socket` once this resolves. */
async function barrier(socket: TestSocket, who: Person) {
  const arrived = nextEvent(socket, "notifications:new");
  await hearth.database.pool.query("select pg_notify($1, $2)", [
    LIVE_CHANNEL,
    JSON.stringify({ kind: "push", to: { member: who.id }, event: "notifications:new", args: [] }),
  ]);
  await arrived;
}

async function replyAs(who: Person, threadId: string, body: string, contentWarning = "") {
  const res = await who.client.post(`/t/${threadId}`, { idempotencyKey: randomUUID(), intent: "post", body, contentWarning });
  expect(res.status).toBe(302);
  return landing(res);
}

const moderate = (mod: Person, fields: Record<string, string>) => mod.client.post("/mod", fields);

async function freshThread(author: Person) {
  return startThread(db, { id: author.id, role: "member" }, { title: `Live ${randomUUID().slice(0, 6)}`, body: "The first post." });
}

test("a watcher hears a new reply whole, as committed, with its content warning", async () => {
  const [author, reader] = [await person(), await person()];
  const { threadId } = await freshThread(author);
  const socket = await watching(reader, threadId);
  const heard = nextEvent(socket, "thread:post");
  const { postId } = await replyAs(author, threadId, "I am **still** here.", "a hard day");
  const post = await heard;
  expect(post).toMatchObject({ id: postId, threadId, author: author.pseudonym, editedAt: null, contentWarning: "a hard day", attachments: [] });
  expect(post.bodyHtml).toContain("<strong>still</strong>");
  // Stored HTML, as the page renders it: the same bytes the database holds.
  const [row] = await db.select({ bodyHtml: posts.bodyHtml, status: posts.status, createdAt: posts.createdAt }).from(posts).where(eq(posts.id, postId));
  expect(row).toMatchObject({ bodyHtml: post.bodyHtml, status: "visible" });
  expect(post.createdAt).toBe(row!.createdAt.toISOString());
});

test("a reply whose transaction fails at commit reaches nobody; the next one does", async () => {
  const [author, reader] = [await person(), await person()];
  const { threadId } = await freshThread(author);
  const socket = await watching(reader, threadId);
  const heard = record(socket, "thread:post");
  const failed = await author.client.post(`/t/${threadId}`, {
    idempotencyKey: randomUUID(),
    intent: "post",
    body: `Nearly ${FAIL_AT_COMMIT}`,
    contentWarning: "",
  });
  expect(failed.status).toBe(500);
  expect(
    await db
      .select({ id: posts.id })
      .from(posts)
      .where(sql`${posts.bodySource} like ${`%${FAIL_AT_COMMIT}%`}`),
  ).toEqual([]);
  const next = nextEvent(socket, "thread:post");
  const { postId } = await replyAs(author, threadId, "This one went through.");
  expect((await next).id).toBe(postId);
  expect(heard.map((p) => p.id)).toEqual([postId]);
});

test("a reply that waits for a moderator pushes nothing; approved, it arrives", async () => {
  const [author, reader, mod] = [await person(), await person(), await person("moderator")];
  const { threadId } = await freshThread(author);
  const socket = await watching(reader, threadId);
  const heard = record(socket, "thread:post");
  const held = await replyAs(author, threadId, "If anyone wants to talk to him, his number is 07700 900123.");
  expect(held.notices).toContain("holds.waiting");
  const next = nextEvent(socket, "thread:post");
  const visible = await replyAs(author, threadId, "Thank you all for listening.");
  expect((await next).id).toBe(visible.postId);
  expect(heard.map((p) => p.id)).toEqual([visible.postId]);

  const approved = nextEvent(socket, "thread:post", (p) => p.id === held.postId);
  expect((await moderate(mod, { intent: "approve", postId: held.postId })).status).toBe(303);
  expect((await approved).bodyHtml).toContain("07700 900123");
});

test("an edit arrives with its new body and editedAt; an edit that is held takes the post out of view", async () => {
  const [author, reader, mod] = [await person(), await person(), await person("moderator")];
  const { threadId } = await freshThread(author);
  const { postId } = await replyAs(author, threadId, "First words.");
  const socket = await watching(reader, threadId);

  const edited = nextEvent(socket, "thread:post");
  expect((await author.client.post(`/p/${postId}/edit`, { intent: "post", body: "Better words.", contentWarning: "" })).status).toBe(302);
  const post = await edited;
  expect(post.id).toBe(postId);
  expect(post.bodyHtml).toContain("Better words.");
  expect(post.editedAt).not.toBeNull();

  const gone = nextEvent(socket, "thread:removed");
  expect((await author.client.post(`/p/${postId}/edit`, { intent: "post", body: "Call her on 07700 900123.", contentWarning: "" })).status).toBe(302);
  expect(await gone).toEqual({ threadId, postId });

  const back = nextEvent(socket, "thread:post");
  expect((await moderate(mod, { intent: "approve", postId })).status).toBe(303);
  expect((await back).bodyHtml).toContain("07700 900123");
});

test("removals reach the thread: the author's deletion, a moderator's removal and hiding; restores and unhiding bring posts back", async () => {
  const [author, reader, mod] = [await person(), await person(), await person("moderator")];
  const { threadId } = await freshThread(author);
  const one = await replyAs(author, threadId, "One.");
  const two = await replyAs(author, threadId, "Two.");
  const three = await replyAs(author, threadId, "Three.");
  const socket = await watching(reader, threadId);

  let removed = nextEvent(socket, "thread:removed");
  expect((await author.client.post(`/p/${one.postId}/edit`, { action: "delete" })).status).toBe(302);
  expect(await removed).toEqual({ threadId, postId: one.postId });

  removed = nextEvent(socket, "thread:removed");
  expect((await moderate(mod, { intent: "remove", postId: two.postId, reasonText: "Names someone." })).status).toBe(303);
  expect(await removed).toEqual({ threadId, postId: two.postId });
  const restored = nextEvent(socket, "thread:post");
  expect((await moderate(mod, { intent: "restore", postId: two.postId })).status).toBe(303);
  expect(await restored).toMatchObject({ id: two.postId, bodyHtml: expect.stringContaining("Two.") });

  removed = nextEvent(socket, "thread:removed");
  expect((await moderate(mod, { intent: "hide", postId: three.postId })).status).toBe(303);
  expect(await removed).toEqual({ threadId, postId: three.postId });
  const unhidden = nextEvent(socket, "thread:post");
  expect((await moderate(mod, { intent: "unhide", postId: three.postId })).status).toBe(303);
  expect((await unhidden).id).toBe(three.postId);
});

test("an overturned appeal brings the removed post back to its open thread", async () => {
  const [author, reader, mod] = [await person(), await person(), await person("moderator")];
  const { threadId } = await freshThread(await person());
  const { postId } = await replyAs(author, threadId, "What I said before.");
  expect((await moderate(mod, { intent: "remove", postId, reasonText: "A mistake." })).status).toBe(303);
  const [event] = await db.select({ id: moderationEvents.id }).from(moderationEvents).where(eq(moderationEvents.postId, postId));
  expect((await author.client.post("/settings/moderation", { eventId: event!.id, note: "Please look again." })).status).toBeLessThan(400);
  const [appeal] = await db.execute<{ id: string }>(sql`select id from appeals where event_id = ${event!.id}`).then((r) => r.rows);
  const socket = await watching(reader, threadId);
  const back = nextEvent(socket, "thread:post");
  expect((await mod.client.post(`/mod/appeals/${appeal!.id}`, { outcome: "overturned", response: "" })).status).toBeLessThan(400);
  expect((await back).id).toBe(postId);
});

test("a thread the member cannot read cannot be watched, and its socket hears nothing of it", async () => {
  const [author, other, mod] = [await person(), await person(), await person("moderator")];
  // A new thread that waits for a moderator exists for its author only.
  const res = await author.client.post("/f/support/new", {
    idempotencyKey: randomUUID(),
    intent: "post",
    title: "Waiting",
    body: "Her number is 07700 900123.",
    contentWarning: "",
  });
  const { threadId } = landing(res);
  const [thread] = await db.select({ status: threads.status }).from(threads).where(eq(threads.id, threadId));
  expect(thread!.status).toBe("pending");
  const socket = await connected(other.client);
  const notFound = translate("en", "chat.error.notFound");
  expect(await socket.emitWithAck("thread:watch", { thread: threadId })).toEqual({ ok: false, error: notFound });
  expect(await socket.emitWithAck("thread:watch", { thread: randomUUID() })).toEqual({ ok: false, error: notFound });
  expect(await socket.emitWithAck("thread:watch", { thread: "not a thread" })).toEqual({ ok: false, error: notFound });
  expect(await socket.emitWithAck("thread:watch", { thread: 42 } as never)).toEqual({ ok: false, error: translate("en", "chat.error.invalid") });
  // Its author may watch it (the page shows it to them).
  const authorSocket = await watching(author, threadId);

  const heard = record(socket, "thread:post");
  const approved = nextEvent(authorSocket, "thread:post");
  expect((await moderate(mod, { intent: "approve", threadId })).status).toBe(303);
  await approved;
  await barrier(socket, other);
  expect(heard).toEqual([]);
});

test("after thread:unwatch a socket hears no more of the thread", async () => {
  const [author, reader] = [await person(), await person()];
  const { threadId } = await freshThread(author);
  const socket = await watching(reader, threadId);
  const still = await watching(await person(), threadId);
  expect(await socket.emitWithAck("thread:unwatch", { thread: threadId })).toEqual({ ok: true });
  const heard = record(socket, "thread:post");
  const elsewhere = nextEvent(still, "thread:post");
  await replyAs(author, threadId, "Anyone there?");
  await elsewhere;
  await barrier(socket, reader);
  expect(heard).toEqual([]);
});

test("mod:queue reaches moderators, not members, on a report, a hold, an appeal and a resolution", async () => {
  const [author, member, mod, admin] = [await person(), await person(), await person("moderator"), await person("admin")];
  const { threadId, postId } = await freshThread(author);
  const modSocket = await connected(mod.client);
  const adminSocket = await connected(admin.client);
  const memberSocket = await connected(member.client);
  const memberHeard = record(memberSocket, "mod:queue");

  let toMod = nextEvent(modSocket, "mod:queue");
  const toAdmin = nextEvent(adminSocket, "mod:queue");
  expect((await member.client.post(`/p/${postId}/report`, { reason: "harassment", note: "" })).status).toBeLessThan(400);
  await Promise.all([toMod, toAdmin]);

  toMod = nextEvent(modSocket, "mod:queue");
  const held = await replyAs(author, threadId, "His number is 07700 900123.");
  expect(held.notices).toContain("holds.waiting");
  await toMod;

  toMod = nextEvent(modSocket, "mod:queue");
  expect((await moderate(mod, { intent: "remove", postId, reasonText: "Unkind." })).status).toBe(303);
  await toMod;

  toMod = nextEvent(modSocket, "mod:queue");
  const [event] = await db.select({ id: moderationEvents.id }).from(moderationEvents).where(eq(moderationEvents.postId, postId));
  expect((await author.client.post("/settings/moderation", { eventId: event!.id, note: "I meant well." })).status).toBeLessThan(400);
  await toMod;

  await barrier(memberSocket, member);
  expect(memberHeard).toEqual([]);
});

test("a queue change whose transaction fails at commit tells no moderator", async () => {
  const [author, mod] = [await person(), await person("moderator")];
  const { threadId } = await freshThread(author);
  const modSocket = await connected(mod.client);
  const heard = record(modSocket, "mod:queue");
  // Held (a phone number): its queue item is opened inside the transaction that then fails.
  const failed = await author.client.post(`/t/${threadId}`, {
    idempotencyKey: randomUUID(),
    intent: "post",
    body: `Call 07700 900123 ${FAIL_AT_COMMIT}`,
    contentWarning: "",
  });
  expect(failed.status).toBe(500);
  await barrier(modSocket, mod);
  expect(heard).toEqual([]);
});

test("a mention tells the mentioned member's screens, and the header's count reads it", async () => {
  const [author, named] = [await person(), await person()];
  const { threadId } = await freshThread(author);
  const socket = await connected(named.client);
  const before = (await (await named.client.get("/notifications/unread")).json()) as { ok: boolean; count: number };
  const told = nextEvent(socket, "notifications:new");
  await replyAs(author, threadId, `Thinking of you, @${named.pseudonym}.`);
  await told;
  const res = await named.client.get("/notifications/unread");
  expect(res.headers.get("cache-control")).toContain("no-store");
  expect(await res.json()).toEqual({ ok: true, count: before.count + 1 });
  expect((await new Browserless(hearth.url).get("/notifications/unread")).status).toBe(401);
});
