// Members' own expiry (issue 12): a member who chose that their posts or chat messages fade gets
// them deleted for real by the retention job once that many days have passed — with a controlled
// clock. Posts become "removed by its author" placeholders without text, attachments or mentions,
// so others' replies keep their place; chat messages are deleted; nobody else's content moves.
import { eq, inArray } from "drizzle-orm";
import { expect, test } from "vitest";
import { chatMessages, chatRooms, posts, threads } from "#db/schema.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { relaxed, replyTo, startThread, viewerFor } from "#tests/helpers/forums.ts";

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
  const [after] = await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, threadId));
  expect(after!.n).toBe(before!.n - 1);
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
