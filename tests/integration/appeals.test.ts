// Appeals, through the services and over HTTP: one appeal per event (also under a double
// submit), the queue item it opens, a moderator's decision undoing the action (a removed post
// and its thread back, a rejected held post let through, a suspension ended) with its audit
// row, the queue item resolved and the member told — and who may decide: never a member, never
// the appellant, not a moderator of another forum, only a moderator of all forums for a suspension.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, expect, test } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "#app/contracts/events.ts";
import { appeals, auditLog, forums, members, moderatorForums, notifications, posts, queueItems, threads } from "#db/schema.ts";
import { decide } from "#server/appeals/decide.ts";
import { appeal } from "#server/appeals/submit.ts";
import type { Actor } from "#server/authz/policy.ts";
import { recordEvent } from "#server/moderation/events.ts";
import { PRIORITY } from "#server/moderation/priority.ts";
import { replyTo, startThread } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.disconnect();
});

type Role = "member" | "moderator" | "admin";

/** A member with a signed-in browser; `forums`: slugs a moderator moderates (none: all). */
async function person(role: Role = "member", forumSlugs: string[] = []) {
  const m = await makeMember(db);
  await db.update(members).set({ role }).where(eq(members.id, m.memberId));
  for (const slug of forumSlugs) {
    const [forum] = await db.select({ id: forums.id }).from(forums).where(eq(forums.slug, slug));
    await db.insert(moderatorForums).values({ memberId: m.memberId, forumId: forum!.id });
  }
  const client = new Browserless(hearth.url);
  const res = await client.post("/login", { pseudonym: m.pseudonym, password: m.password });
  expect(res.status).toBe(302);
  return { ...m, id: m.memberId, client, actor: await actorOf(m.memberId) };
}

async function actorOf(id: string): Promise<Actor> {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  const forumRows = await db.select({ forumId: moderatorForums.forumId }).from(moderatorForums).where(eq(moderatorForums.memberId, id));
  return {
    id,
    role: row!.role,
    status: row!.status,
    suspendedUntil: row!.suspendedUntil,
    postingPaused: false,
    moderatedForums: forumRows.length ? forumRows.map((r) => r.forumId) : null,
  };
}

/** A thread by the member in `forum`, its first post removed (and the thread with it), told as a removal. */
async function removedThread(memberId: string, forum = "support", title = `Removed ${randomUUID().slice(0, 6)}`) {
  const t = await startThread(db, { id: memberId, role: "member" }, { forum, title, body: "What I wrote before it was removed." });
  await db.update(posts).set({ status: "removed" }).where(eq(posts.id, t.postId));
  await db.update(threads).set({ status: "removed" }).where(eq(threads.id, t.threadId));
  const eventId = await recordEvent(db, { memberId, kind: "removal", reason: "Shares a location", postId: t.postId, threadId: t.threadId, context: title });
  return { ...t, title, eventId };
}

async function suspended(memberId: string, days = 7) {
  const until = new Date(Date.now() + days * 86_400_000);
  await db.update(members).set({ status: "suspended", suspendedUntil: until }).where(eq(members.id, memberId));
  return recordEvent(db, { memberId, kind: "suspension", reason: "Repeated harassment", until });
}

function openSocket(client: Browserless): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(hearth.url, {
    transports: ["websocket"],
    extraHeaders: { cookie: client.cookieHeader(), origin: hearth.url },
    reconnection: false,
    timeout: 5000,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

test("a member appeals once: the appeal opens an appeal item in the thread's forum; a second, or a concurrent double submit, is refused", async () => {
  const author = await person();
  const removed = await removedThread(author.id);
  const [a, b] = await Promise.allSettled([
    appeal(db, author.actor, removed.eventId, { note: "It was my own town, not anyone's address." }),
    appeal(db, author.actor, removed.eventId, { note: "It was my own town, not anyone's address." }),
  ]);
  const outcomes = [a.status, b.status].sort();
  expect(outcomes).toEqual(["fulfilled", "rejected"]);
  const refused = (a.status === "rejected" ? a : b) as PromiseRejectedResult;
  expect(refused.reason).toMatchObject({ name: "Invalid", formError: "history.alreadyAppealed" });
  await expect(appeal(db, author.actor, removed.eventId, { note: "Once more" })).rejects.toMatchObject({ formError: "history.alreadyAppealed" });

  const rows = await db.select().from(appeals).where(eq(appeals.eventId, removed.eventId));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.note).toBe("It was my own town, not anyone's address.");
  const [thread] = await db.select({ forumId: threads.forumId }).from(threads).where(eq(threads.id, removed.threadId));
  const items = await db.select().from(queueItems).where(eq(queueItems.appealId, rows[0]!.id));
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({
    kind: "appeal",
    targetKey: `appeal:${rows[0]!.id}`,
    forumId: thread!.forumId,
    memberId: author.id,
    priority: PRIORITY.appeal,
    resolvedAt: null,
  });

  // The same over HTTP: two submissions of one form at once store one appeal.
  const second = await removedThread(author.id);
  const form = { eventId: second.eventId, note: "Please look again." };
  const answers = await Promise.all([author.client.post("/settings/moderation", form), author.client.post("/settings/moderation", form)]);
  expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
  const texts = await Promise.all(answers.map(async (r) => pageText(await r.text())));
  expect(texts.some((t) => t.includes("You have already appealed this."))).toBe(true);
  expect(texts.some((t) => t.includes("Your appeal was sent."))).toBe(true);
  expect(await db.select().from(appeals).where(eq(appeals.eventId, second.eventId))).toHaveLength(1);
});

test("only the member's own appealable events, with a note of 1 to 1,000 characters without control characters", async () => {
  const author = await person();
  const other = await person();
  const removed = await removedThread(author.id);
  const warning = await recordEvent(db, { memberId: author.id, kind: "warning", reason: "Be gentle" });
  await expect(appeal(db, other.actor, removed.eventId, { note: "Not mine" })).rejects.toMatchObject({ name: "NotFound" });
  await expect(appeal(db, author.actor, randomUUID(), { note: "No such event" })).rejects.toMatchObject({ name: "NotFound" });
  await expect(appeal(db, author.actor, warning, { note: "A warning" })).rejects.toMatchObject({ formError: "history.notAppealable" });
  await expect(appeal(db, author.actor, removed.eventId, { note: "   " })).rejects.toMatchObject({ fields: { note: "history.noteRequired" } });
  await expect(appeal(db, author.actor, removed.eventId, {})).rejects.toMatchObject({ fields: { note: "history.noteRequired" } });
  await expect(appeal(db, author.actor, removed.eventId, { note: "x".repeat(1001) })).rejects.toMatchObject({ fields: { note: "history.noteTooLong" } });
  await expect(appeal(db, author.actor, removed.eventId, { note: "reads \u202Ebackwards" })).rejects.toMatchObject({
    fields: { note: "history.controlCharacters" },
  });
  await expect(appeal(db, author.actor, removed.eventId, { note: "bell\u0007" })).rejects.toMatchObject({ fields: { note: "history.controlCharacters" } });
  expect(await db.select().from(appeals).where(eq(appeals.memberId, author.id))).toHaveLength(0);
  // Someone else's event over HTTP is a 404, like one that does not exist.
  expect((await other.client.post("/settings/moderation", { eventId: removed.eventId, note: "Not mine" })).status).toBe(404);
  // A thousand characters (counted as characters, not UTF-16 units), trimmed and in NFC.
  const note = `  Cafe\u0301 ${"请".repeat(994)}  `;
  await appeal(db, author.actor, removed.eventId, { note });
  const [row] = await db.select().from(appeals).where(eq(appeals.eventId, removed.eventId));
  expect(row!.note).toBe(`Café ${"请".repeat(994)}`);
});

test("overturning a removal over HTTP: post and thread visible again, audit row, item resolved, the member told (notice and live push)", async () => {
  const author = await person();
  const moderator = await person("moderator");
  const removed = await removedThread(author.id, "support", "My week");
  const { appealId } = await appeal(db, author.actor, removed.eventId, { note: "I only named my own city." });

  const page = await moderator.client.get(`/mod/appeals/${appealId}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const text = pageText(html);
  expect(text).toContain(`Appeal from ${author.pseudonym}`);
  expect(text).toContain("Post removed");
  expect(text).toContain("Reason given: Shares a location");
  expect(text).toContain("Thread: My week");
  expect(text).toContain("I only named my own city.");
  // The removed text is there, folded: a <details> without `open`.
  expect(html).toMatch(/<details class="removed-post"><summary>[^<]*<\/summary><div class="post-body"><span>What I wrote before it was removed\./);

  const socket = await openSocket(author.client);
  const told = new Promise<void>((resolve) => socket.once("notifications:new", () => resolve()));
  const res = await moderator.client.post(`/mod/appeals/${appealId}`, { outcome: "overturned", response: "You are right, sorry." });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`/mod/appeals/${appealId}?decided=1`);
  await told;

  const [post] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, removed.postId));
  const [thread] = await db.select({ status: threads.status, forumId: threads.forumId }).from(threads).where(eq(threads.id, removed.threadId));
  expect(post!.status).toBe("visible");
  expect(thread!.status).toBe("visible");
  const [decided] = await db.select().from(appeals).where(eq(appeals.id, appealId));
  expect(decided).toMatchObject({ outcome: "overturned", response: "You are right, sorry.", decidedBy: moderator.id });
  const [item] = await db.select().from(queueItems).where(eq(queueItems.appealId, appealId));
  expect(item!.resolvedAt).not.toBeNull();
  expect(item!.resolvedBy).toBe(moderator.id);
  const audits = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "appeal.decide"), eq(auditLog.targetId, appealId)));
  expect(audits).toHaveLength(1);
  expect(audits[0]).toMatchObject({ actorKind: "member", actorId: moderator.id, targetKind: "appeal", forumId: thread!.forumId });
  expect(audits[0]!.detail).toMatchObject({ outcome: "overturned" });
  const notices = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.memberId, author.id), eq(notifications.eventId, removed.eventId)));
  expect(notices).toHaveLength(2);

  const after = pageText(await (await moderator.client.get(`/mod/appeals/${appealId}?decided=1`)).text());
  expect(after).toContain("Decision saved. The member has been told.");
  expect(after).toContain("the decision was overturned");
  // Deciding again is refused, and changes nothing.
  await expect(decide(db, moderator.actor, appealId, "upheld")).rejects.toMatchObject({ formError: "history.alreadyDecided" });
  expect(await db.select().from(auditLog).where(eq(auditLog.targetId, appealId))).toHaveLength(1);

  const notes = pageText(await (await author.client.get("/notifications")).text());
  expect(notes).toContain("Your appeal about your removed post in “My week”: the decision was overturned. You are right, sorry.");
  expect(notes).toContain("A moderator removed your post in “My week”: Shares a location");
  const history = pageText(await (await author.client.get("/settings/moderation")).text());
  expect(history).toContain("You appealed. A moderator reviewed it and overturned the decision.");
  expect(history).toContain("The moderator's response: You are right, sorry.");
});

test("upholding leaves the action; overturning a reply's removal leaves the thread as it was; a rejected held post can be let through", async () => {
  const author = await person();
  const moderator = await person("moderator", ["support"]);
  // A removed reply in a thread a moderator hid for another reason: the thread stays hidden.
  const host = await startThread(db, { id: author.id, role: "member" }, { title: "Host thread" });
  const replied = await replyTo(db, { id: author.id, role: "member" }, host.threadId, "A reply that was removed");
  await db.update(threads).set({ status: "hidden" }).where(eq(threads.id, host.threadId));
  await db.update(posts).set({ status: "removed" }).where(eq(posts.id, replied.postId));
  const replyEvent = await recordEvent(db, { memberId: author.id, kind: "removal", reason: "Off topic", postId: replied.postId, threadId: host.threadId });
  const upheldCase = await removedThread(author.id);

  const one = await appeal(db, author.actor, upheldCase.eventId, { note: "Please" });
  await decide(db, moderator.actor, one.appealId, "upheld", "It names a street.");
  const [still] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, upheldCase.postId));
  expect(still!.status).toBe("removed");
  const [upheldAudit] = await db.select().from(auditLog).where(eq(auditLog.targetId, one.appealId));
  expect(upheldAudit!.detail).toMatchObject({ outcome: "upheld" });
  const [upheldItem] = await db.select().from(queueItems).where(eq(queueItems.appealId, one.appealId));
  expect(upheldItem!.resolvedAt).not.toBeNull();

  const two = await appeal(db, author.actor, replyEvent, { note: "It was on topic" });
  await decide(db, moderator.actor, two.appealId, "overturned");
  const [reply] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, replied.postId));
  expect(reply!.status).toBe("visible");
  const [hostThread] = await db.select({ status: threads.status }).from(threads).where(eq(threads.id, host.threadId));
  expect(hostThread!.status).toBe("hidden");

  // A held first post (and so a pending thread) that a moderator rejected.
  const held = await startThread(db, { id: author.id, role: "member" }, { title: "Held thread" });
  await db.update(posts).set({ status: "removed" }).where(eq(posts.id, held.postId));
  await db.update(threads).set({ status: "pending" }).where(eq(threads.id, held.threadId));
  const rejected = await recordEvent(db, {
    memberId: author.id,
    kind: "hold_rejected",
    reason: "Looked like a phone number",
    postId: held.postId,
    threadId: held.threadId,
    context: "Held thread",
  });
  const three = await appeal(db, author.actor, rejected, { note: "It was a date" });
  await decide(db, moderator.actor, three.appealId, "overturned", "Yes, a date.");
  const [heldPost] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, held.postId));
  const [heldThread] = await db.select({ status: threads.status }).from(threads).where(eq(threads.id, held.threadId));
  expect([heldPost!.status, heldThread!.status]).toEqual(["visible", "visible"]);

  const notes = pageText(await (await author.client.get("/notifications")).text());
  expect(notes).toContain(`Your appeal about your removed post in “${upheldCase.title}”: the decision was upheld. It names a street.`);
  // No title kept with the event: the thread's own title names it.
  expect(notes).toContain("Your appeal about your removed post in “Host thread”: the decision was overturned. ·");
  expect(notes).toContain("Your appeal about your post in “Held thread” that was not approved: the decision was overturned. Yes, a date.");
  expect(notes).toContain("A moderator did not approve your post in “Held thread”: Looked like a phone number");
});

test("a suspension appeal: only a moderator of every forum decides it; overturning ends the suspension, upholding keeps it", async () => {
  const first = await person();
  const second = await person();
  const forumModerator = await person("moderator", ["support"]);
  const globalModerator = await person("moderator");
  const one = await appeal(db, first.actor, await suspended(first.id), { note: "I was defending myself" });
  const two = await appeal(db, second.actor, await suspended(second.id), { note: "Please reconsider" });
  const [item] = await db.select().from(queueItems).where(eq(queueItems.appealId, one.appealId));
  expect(item!.forumId).toBeNull();

  await expect(decide(db, forumModerator.actor, one.appealId, "overturned")).rejects.toMatchObject({ name: "Forbidden" });
  expect((await forumModerator.client.get(`/mod/appeals/${one.appealId}`)).status).toBe(403);
  expect((await forumModerator.client.post(`/mod/appeals/${one.appealId}`, { outcome: "overturned" })).status).toBe(403);

  const page = pageText(await (await globalModerator.client.get(`/mod/appeals/${one.appealId}`)).text());
  expect(page).toContain("Suspension until");
  expect(page).toContain("Overturn: the suspension ends now");
  expect((await globalModerator.client.post(`/mod/appeals/${one.appealId}`, { outcome: "overturned", response: "" })).status).toBe(302);
  const [freed] = await db.select({ status: members.status, until: members.suspendedUntil }).from(members).where(eq(members.id, first.id));
  expect(freed).toEqual({ status: "active", until: null });
  // Back to taking part at once: the member can post again.
  const res = await first.client.get("/f/support/new");
  expect(res.status).toBe(200);

  await decide(db, globalModerator.actor, two.appealId, "upheld", "The messages were cruel.");
  const [kept] = await db.select({ status: members.status }).from(members).where(eq(members.id, second.id));
  expect(kept!.status).toBe("suspended");
  const notes = pageText(await (await second.client.get("/notifications")).text());
  expect(notes).toContain("Your appeal about your suspension: the decision was upheld. The messages were cruel.");
  expect(notes).toContain("Your account is suspended until");
  expect(notes).toContain(": Repeated harassment");
});

test("who may decide: not a member (403), not the appellant, not a moderator of another forum; a moderator of the forum may; unknown appeals are 404", async () => {
  const author = await person();
  const bystander = await person();
  const elsewhere = await person("moderator", ["wellbeing"]);
  const here = await person("moderator", ["support"]);
  const removed = await removedThread(author.id, "support");
  const { appealId } = await appeal(db, author.actor, removed.eventId, { note: "Please look" });

  for (const who of [author, bystander]) {
    expect((await who.client.get(`/mod/appeals/${appealId}`)).status).toBe(403);
    expect((await who.client.post(`/mod/appeals/${appealId}`, { outcome: "overturned" })).status).toBe(403);
    await expect(decide(db, who.actor, appealId, "overturned")).rejects.toMatchObject({ name: "Forbidden" });
  }
  expect((await elsewhere.client.get(`/mod/appeals/${appealId}`)).status).toBe(403);
  expect((await elsewhere.client.post(`/mod/appeals/${appealId}`, { outcome: "overturned" })).status).toBe(403);
  await expect(decide(db, elsewhere.actor, appealId, "overturned")).rejects.toMatchObject({ name: "Forbidden" });
  expect((await here.client.get(`/mod/appeals/${randomUUID()}`)).status).toBe(404);
  expect((await here.client.get("/mod/appeals/not-an-id")).status).toBe(404);

  // A moderator's own appeal is decided by someone else, whatever their role.
  const modAuthor = await person("moderator");
  const own = await removedThread(modAuthor.id, "support");
  const mine = await appeal(db, modAuthor.actor, own.eventId, { note: "My own" });
  await expect(decide(db, modAuthor.actor, mine.appealId, "overturned")).rejects.toMatchObject({ name: "Forbidden" });
  expect((await modAuthor.client.get(`/mod/appeals/${mine.appealId}`)).status).toBe(403);

  // A bad form is a translated 400; nothing is decided.
  const bad = await here.client.post(`/mod/appeals/${appealId}`, { outcome: "maybe" });
  expect(bad.status).toBe(400);
  expect(pageText(await bad.text())).toContain("Please choose whether to uphold or overturn the decision.");
  expect((await here.client.post(`/mod/appeals/${appealId}`, { outcome: "upheld", response: "x".repeat(1001) })).status).toBe(400);
  const [pending] = await db.select({ outcome: appeals.outcome }).from(appeals).where(eq(appeals.id, appealId));
  expect(pending!.outcome).toBeNull();

  expect((await here.client.post(`/mod/appeals/${appealId}`, { outcome: "upheld" })).status).toBe(302);
  const [decided] = await db.select({ outcome: appeals.outcome, by: appeals.decidedBy }).from(appeals).where(eq(appeals.id, appealId));
  expect(decided).toEqual({ outcome: "upheld", by: here.id });
});
