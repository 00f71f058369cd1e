// Edges a review of the moderation code found, each tried through the real services: a
// forum-scoped warning leaves member reports alone; an appeal follows its thread to a new forum;
// only someone who outranks the appellant decides; approving, hiding and restoring keep thread
// counts true; approving a held probation post counts towards probation; a mention of a removed
// thread no longer shows its title.
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { expect, test } from "vitest";
import { members, moderationEvents, posts, queueItems, reports, threads } from "#db/schema.ts";
import { appeal } from "#server/appeals/submit.ts";
import type { Live } from "#server/live.ts";
import { createServices } from "#server/services.ts";
import { asActor, relaxed, replyTo, startThread } from "#tests/helpers/forums.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { actorOf, forumId, person } from "./moderation-helpers.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
// The Live port records instead of reaching sockets: these tests are about the data.
const live: Live = { push: async () => undefined, endSessions: async () => undefined, closeMemberSockets: async () => undefined };
const services = createServices({ db, throttle: relaxed(), live });

const postCount = async (threadId: string) => (await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, threadId)))[0]!.n;

test("a moderator of one forum warning about a post there leaves reports on the member as a whole open", async () => {
  const author = await person(db);
  const reporter = await person(db);
  const scoped = await person(db, "moderator", ["support"]);
  await services.moderation.report(await reporter.actor(), { member: author.pseudonym }, { reason: "self-harm", note: "worrying messages" });
  const t = await startThread(db, asActor({ id: author.id, role: "member" }), { forum: "support" });
  await services.moderation.warn(await scoped.actor(), author.id, "Please be kind", { postId: t.postId });
  const open = await db
    .select()
    .from(queueItems)
    .where(and(eq(queueItems.targetKey, `member:${author.id}`), isNull(queueItems.resolvedAt)));
  expect(open).toHaveLength(1);
  const [report] = await db.select().from(reports).where(eq(reports.memberId, author.id));
  expect(report!.resolvedAt).toBeNull();
  // A moderator of every forum who warns does close them.
  const global = await person(db, "moderator");
  await services.moderation.warn(await global.actor(), author.id, "A general warning");
  expect(
    await db
      .select()
      .from(queueItems)
      .where(and(eq(queueItems.targetKey, `member:${author.id}`), isNull(queueItems.resolvedAt))),
  ).toHaveLength(0);
});

test("an appeal about a post follows its thread when the thread moves; the old forum's moderator can no longer decide it", async () => {
  const author = await person(db);
  const admin = await person(db, "admin");
  const supportMod = await person(db, "moderator", ["support"]);
  const wellbeingMod = await person(db, "moderator", ["wellbeing"]);
  const t = await startThread(db, asActor({ id: author.id, role: "member" }), { forum: "support" });
  const { postId } = await replyTo(db, asActor({ id: author.id, role: "member" }), t.threadId, "A reply that is removed.");
  await services.moderation.remove(await admin.actor(), { post: postId }, "Off topic");
  const [event] = await db.select().from(moderationEvents).where(eq(moderationEvents.postId, postId));
  const { appealId } = await appeal(db, await author.actor(), event!.id, { note: "It was on topic." });
  await services.moderation.move(await admin.actor(), t.threadId, "wellbeing");
  const [item] = await db.select().from(queueItems).where(eq(queueItems.appealId, appealId));
  expect(item!.forumId).toBe(await forumId(db, "wellbeing"));
  await expect(services.appeals.decide(await supportMod.actor(), appealId, "overturned")).rejects.toMatchObject({ name: "Forbidden" });
  await services.appeals.decide(await wellbeingMod.actor(), appealId, "overturned");
  expect((await db.select({ status: posts.status }).from(posts).where(eq(posts.id, postId)))[0]!.status).toBe("visible");
});

test("a moderator's suspension is not undone by a peer's appeal decision; an admin may", async () => {
  const suspended = await person(db, "moderator");
  const peer = await person(db, "moderator");
  const admin = await person(db, "admin");
  await services.moderation.suspend(await admin.actor(), suspended.id, new Date(Date.now() + 86_400_000), "Cooling off");
  const [event] = await db
    .select()
    .from(moderationEvents)
    .where(and(eq(moderationEvents.memberId, suspended.id), eq(moderationEvents.kind, "suspension")));
  const { appealId } = await appeal(db, await suspended.actor(), event!.id, { note: "Please reconsider." });
  await expect(services.appeals.decide(await peer.actor(), appealId, "overturned")).rejects.toMatchObject({ name: "Forbidden" });
  expect((await actorOf(db, suspended.id)).status).toBe("suspended");
  await services.appeals.decide(await admin.actor(), appealId, "overturned");
  expect((await actorOf(db, suspended.id)).status).toBe("active");
});

test("thread counts follow what is shown: approve adds, hide takes away, unhide adds back; a held probation post counts", async () => {
  await db.update(members).set({ approvedPosts: 0 }).where(isNull(members.suspendedUntil));
  const author = await person(db);
  const mod = await person(db, "moderator");
  const t = await startThread(db, asActor({ id: author.id, role: "member" }), { forum: "support" });
  expect(await postCount(t.threadId)).toBe(1);
  // A held reply (a phone number) from a member on probation: waits, not counted.
  const [probation] = await db.select().from(members).where(eq(members.id, author.id));
  expect(probation!.approvedPosts).toBe(0);
  await services.settings.set("probation.posts", 3);
  const held = await services.forums.reply(await author.actor(), t.threadId, { body: "Call me on 13812345678 please", idempotencyKey: randomUUID() });
  await services.settings.set("probation.posts", 0);
  expect(held.pending).toBe(true);
  const [item] = await db
    .select()
    .from(queueItems)
    .where(and(eq(queueItems.postId, held.postId), isNull(queueItems.resolvedAt)));
  expect(item!.kind).toBe("hold");
  expect(item!.detail.probation).toBe(true);
  expect(await postCount(t.threadId)).toBe(1);
  await services.moderation.approve(await mod.actor(), { post: held.postId });
  expect(await postCount(t.threadId)).toBe(2);
  expect((await db.select().from(members).where(eq(members.id, author.id)))[0]!.approvedPosts).toBe(1);
  await services.moderation.hide(await mod.actor(), { post: held.postId });
  expect(await postCount(t.threadId)).toBe(1);
  await services.moderation.unhide(await mod.actor(), { post: held.postId });
  expect(await postCount(t.threadId)).toBe(2);
  await services.moderation.remove(await mod.actor(), { post: held.postId }, "Identifying");
  expect(await postCount(t.threadId)).toBe(1);
  await services.moderation.restore(await mod.actor(), { post: held.postId });
  expect(await postCount(t.threadId)).toBe(2);
});

test("a mention in a thread that is later removed no longer shows the thread's title", async () => {
  const mentioned = await person(db);
  const author = await person(db);
  const mod = await person(db, "moderator");
  const t = await startThread(db, asActor({ id: author.id, role: "member" }), {
    forum: "support",
    title: "About Jane Roe of Elm Street",
    body: `@${mentioned.pseudonym} look`,
  });
  const before = await services.notifications.list(await mentioned.actor());
  expect(before.find((n) => n.postId === t.postId)?.threadTitle).toBe("About Jane Roe of Elm Street");
  await services.moderation.remove(await mod.actor(), { thread: t.threadId }, "Identifying information");
  const after = await services.notifications.list(await mentioned.actor());
  const row = after.find((n) => n.postId === t.postId);
  expect(row?.threadTitle ?? null).toBeNull();
  expect(row?.threadId ?? null).toBeNull();
  const page = await (await fetch(`${hearth.url}/ping`)).text();
  expect(page).not.toContain("Jane Roe");
});

test("a content warning a moderator set stays when the author edits the post", async () => {
  const author = await person(db);
  const mod = await person(db, "moderator");
  const t = await startThread(db, asActor({ id: author.id, role: "member" }), { forum: "support" });
  await services.moderation.setContentWarning(await mod.actor(), { post: t.postId }, "describes abuse");
  await services.forums.editPost(await author.actor(), t.postId, { body: "Edited text.", contentWarning: "" });
  const [row] = await db.select().from(posts).where(eq(posts.id, t.postId));
  expect(row!.bodySource).toBe("Edited text.");
  expect(row!.contentWarning).toBe("describes abuse");
});
