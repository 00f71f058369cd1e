// What a moderator hid or removed stays out of view when its author is erased or lets it expire
// (issue 12): its text goes, but it never turns into a "removed by its author" placeholder that
// everyone sees, and the thread's count stays what its pages list.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { members, posts, threads } from "#db/schema.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { relaxed, replyTo, startThread } from "#tests/helpers/forums.ts";
import { person } from "./moderation-helpers.ts";

const database = await createTestDatabase();
const { db } = database;
const services = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) });

async function setUp() {
  const [owner, writer, moderator] = [await person(db), await person(db), await person(db, "admin")];
  const thread = await startThread(db, await owner.actor(), { title: "Someone else's thread" });
  const hidden = await replyTo(db, await writer.actor(), thread.threadId, "A reply a moderator hides.");
  const removed = await replyTo(db, await writer.actor(), thread.threadId, "A reply a moderator removes.");
  const shown = await replyTo(db, await writer.actor(), thread.threadId, "A reply that stays in view.");
  await services.moderation.hide(await moderator.actor(), { post: hidden.postId }, "Off topic");
  await services.moderation.remove(await moderator.actor(), { post: removed.postId }, "Unkind");
  const count = async () => (await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, thread.threadId)))[0]!.n;
  const row = async (id: string) => (await db.select().from(posts).where(eq(posts.id, id)))[0]!;
  return { writer, thread, hidden, removed, shown, count, row };
}

test("erasure: a hidden or removed post keeps its status, without text or author; a shown one becomes the placeholder", async () => {
  const w = await setUp();
  const before = await w.count();
  await services.privacy.operatorErase(w.writer.pseudonym);
  expect(await w.row(w.hidden.postId)).toMatchObject({ status: "hidden", bodySource: "", bodyHtml: "", authorId: null });
  expect(await w.row(w.removed.postId)).toMatchObject({ status: "removed", bodySource: "", bodyHtml: "", authorId: null });
  expect(await w.row(w.shown.postId)).toMatchObject({ status: "deleted", bodySource: "", authorId: null });
  expect(await w.count()).toBe(before);
});

test("expiry: the same, and the job finishes", async () => {
  const w = await setUp();
  await db.update(members).set({ postsExpireDays: 30 }).where(eq(members.id, w.writer.id));
  const before = await w.count();
  const counts = await services.retention.run(new Date(Date.now() + 31 * 86_400_000));
  expect(counts).toMatchObject({ expiredPosts: 3 });
  expect(await w.row(w.hidden.postId)).toMatchObject({ status: "hidden", bodySource: "", bodyHtml: "" });
  expect(await w.row(w.removed.postId)).toMatchObject({ status: "removed", bodySource: "", bodyHtml: "" });
  expect(await w.row(w.shown.postId)).toMatchObject({ status: "deleted", bodySource: "" });
  expect(await w.count()).toBe(before);
  // Nothing left to fade: a second run finds nothing.
  expect(await services.retention.run(new Date(Date.now() + 32 * 86_400_000))).toMatchObject({ expiredPosts: 0 });
});
