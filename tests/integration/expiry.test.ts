// Members' own expiry (issue 12): a member who chose that their posts or chat messages fade gets
// them deleted for real by the retention job once that many days have passed — with a controlled
// clock. Posts become "removed by its author" placeholders without text, attachments or mentions,
// so others' replies keep their place; chat messages are deleted; nobody else's content moves.
import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { chatMessages, chatRooms, members, posts, threads } from "#db/schema.ts";
import { PAGE_SIZE } from "#server/forums/viewer.ts";
import { ERASED_THREAD_TITLE } from "#server/privacy/placeholder.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { relaxed, replyTo, startThread, viewerFor } from "#tests/helpers/forums.ts";
import { actorOf } from "./moderation-helpers.ts";

const database = await createTestDatabase();
const db = database.db;
const services = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) });

test("the choice is validated and kept; 'never' keeps everything", async () => {
  const { viewer } = await viewerFor(db);
  expect(await services.members.expiry(viewer)).toEqual({ posts: "never", chat: "never" });
  await expect(services.members.setExpiry(viewer, { posts: "45", chat: "never" })).rejects.toMatchObject({ name: "Invalid" });
  await services.members.setExpiry(viewer, { posts: "30", chat: "365" });
  expect(await services.members.expiry(viewer)).toEqual({ posts: "30", chat: "365" });
  await expect(services.members.setExpiry(null, { posts: "30", chat: "30" })).rejects.toMatchObject({ name: "Forbidden" });
});

test("after the chosen days, the member's posts become placeholders and their chat messages go; others' stay", async () => {
  const { viewer: fading } = await viewerFor(db);
  const { viewer: other } = await viewerFor(db);
  const { threadId, postId: firstPost } = await startThread(db, other, { title: "A thread someone else began" });
  const mine = await replyTo(db, fading, threadId, "A reply that will fade away.");
  const theirs = await replyTo(db, other, threadId, "A reply that stays.");
  const [room] = await db.select().from(chatRooms).where(eq(chatRooms.slug, "lounge"));
  const written = new Date();
  const [myMessage, theirMessage] = await db
    .insert(chatMessages)
    .values([
      { roomId: room!.id, seq: 900_001, authorId: fading.id, body: "A message that will fade.", clientId: "fade-1", createdAt: written },
      { roomId: room!.id, seq: 900_002, authorId: other.id, body: "A message that stays.", clientId: "stay-1", createdAt: written },
    ])
    .returning({ id: chatMessages.id });
  await services.members.setExpiry(fading, { posts: "30", chat: "90" });
  const [before] = await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, threadId));

  // 29 days on: nothing yet.
  const day = 86_400_000;
  expect(await services.retention.run(new Date(written.getTime() + 29 * day))).toMatchObject({ expiredPosts: 0, expiredMessages: 0 });
  // 31 days on: the post (30 days) fades, the chat message (90 days) not yet.
  expect(await services.retention.run(new Date(written.getTime() + 31 * day))).toMatchObject({ expiredPosts: 1, expiredMessages: 0 });
  const [faded] = await db.select().from(posts).where(eq(posts.id, mine.postId));
  expect(faded).toMatchObject({ status: "deleted", bodySource: "", bodyHtml: "", contentWarning: null });
  // The placeholder keeps its place on the thread's pages, and in its count (as deleting it would).
  const [after] = await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, threadId));
  expect(after!.n).toBe(before!.n);
  const others = await db
    .select({ id: posts.id, status: posts.status })
    .from(posts)
    .where(inArray(posts.id, [firstPost, theirs.postId]));
  expect(others.every((p) => p.status === "visible")).toBe(true);
  // 91 days on: the chat message goes; the other member's stays.
  expect(await services.retention.run(new Date(written.getTime() + 91 * day))).toMatchObject({ expiredMessages: 1 });
  const left = await db
    .select({ id: chatMessages.id })
    .from(chatMessages)
    .where(inArray(chatMessages.id, [myMessage!.id, theirMessage!.id]));
  expect(left.map((m) => m.id)).toEqual([theirMessage!.id]);
});

const day = 86_400_000;

test("when the opening post of a thread the member began fades, the thread keeps no title or warning, even in others' histories", async () => {
  const { viewer: fading } = await viewerFor(db);
  const { viewer: other } = await viewerFor(db);
  const { viewer: moderator } = await viewerFor(db);
  await db.update(members).set({ role: "admin" }).where(eq(members.id, moderator.id));
  await services.members.setExpiry(fading, { posts: "30", chat: "never" });
  const title = `Fading title ${randomUUID().slice(0, 8)}`;
  const written = new Date();
  const { threadId, postId } = await startThread(db, fading, { title, contentWarning: "A warning of mine" });
  const stays = await replyTo(db, other, threadId, "A supportive reply that stays (EXPIRY-STAYS).");
  const removed = await replyTo(db, other, threadId, "A reply a moderator removes.");
  await services.moderation.remove(await actorOf(db, moderator.id), { post: removed.postId }, "Off topic");
  // The other member's history names the thread by its title, copied when it was removed.
  const context = sql`select context from moderation_events where member_id = ${other.id} and thread_id = ${threadId}`;
  expect((await db.execute<{ context: string }>(context)).rows).toEqual([{ context: title }]);

  expect(await services.retention.run(new Date(written.getTime() + 31 * day))).toMatchObject({ expiredPosts: 1 });
  const [thread] = await db.select().from(threads).where(eq(threads.id, threadId));
  // Still theirs (moderators find reports about it on their page); only erasure detaches it.
  expect(thread).toMatchObject({ title: ERASED_THREAD_TITLE, contentWarning: null, authorId: fading.id, status: "visible" });
  expect((await db.select({ status: posts.status }).from(posts).where(eq(posts.id, postId)))[0]!.status).toBe("deleted");
  expect((await db.execute<{ context: string }>(context)).rows).toEqual([{ context: ERASED_THREAD_TITLE }]);
  const left = await db.execute<{ n: number }>(
    sql`select (select count(*) from threads where title = ${title} or content_warning = 'A warning of mine')::int
             + (select count(*) from moderation_events where context = ${title})::int as n`,
  );
  expect(left.rows[0]!.n).toBe(0);

  // The thread page, the forum's list and search work with no author; the reply stays.
  const reader = await actorOf(db, other.id);
  const page = await services.forums.threadPage(reader, threadId, 1);
  expect(page.thread.title).toBe(ERASED_THREAD_TITLE);
  expect(page.posts.map((p) => p.id)).toEqual([postId, stays.postId]);
  expect((await services.forums.forumPage(reader, "support", 1)).threads.some((t) => t.id === threadId)).toBe(true);
  const found = await services.forums.search(reader, "EXPIRY-STAYS", 1);
  expect(JSON.stringify(found.results)).toContain(ERASED_THREAD_TITLE);
  expect(JSON.stringify(found.results)).not.toContain(title);
});

test("a faded post keeps its place in its thread's count: the last page still holds the last reply", async () => {
  const { viewer: fading } = await viewerFor(db);
  const { viewer: other } = await viewerFor(db);
  await services.members.setExpiry(fading, { posts: "30", chat: "never" });
  const written = new Date();
  const { threadId } = await startThread(db, other, { title: "A long thread" });
  await replyTo(db, fading, threadId, "A reply that will fade.");
  for (let i = 0; i < PAGE_SIZE - 2; i++) await replyTo(db, other, threadId, `Reply ${i}.`);
  const last = await replyTo(db, other, threadId, "The last reply, on page two.");
  await services.retention.run(new Date(written.getTime() + 31 * day));
  const listed = await db.execute<{ n: number }>(sql`select count(*)::int as n from posts where thread_id = ${threadId} and status in ('visible', 'deleted')`);
  expect((await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, threadId)))[0]!.n).toBe(listed.rows[0]!.n);
  const page = await services.forums.threadPage(await actorOf(db, other.id), threadId, "last");
  expect(page.pages).toBe(2);
  expect(page.posts.map((p) => p.id)).toEqual([last.postId]);
});
