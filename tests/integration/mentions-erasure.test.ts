// Writing while a member is being erased (issue 12's benchmark found replies answered 500): a
// reply that mentions them waits for the erasure's hold on their row, then is stored without a
// notification to a member who is gone — in their own thread too, without a deadlock; a
// moderator acting on their post at that moment finishes too (server/db-retry.ts).
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Database } from "#db/client.ts";
import { blocks, members, notifications, posts } from "#db/schema.ts";
import { isInvalid } from "#server/errors.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { asActor, relaxed, replyTo, startThread, viewerFor } from "#tests/helpers/forums.ts";

test("a reply mentioning a member erased while it is written is stored; no notification is left", async () => {
  const database = await createTestDatabase();
  const { db } = database;
  const writer = await viewerFor(db);
  const named = await viewerFor(db);
  const thread = await startThread(db, writer.viewer);
  // As erasure does (server/privacy/erase.ts): hold the member's row, then delete it and commit.
  const erasing = await database.pool.connect();
  try {
    await erasing.query("begin");
    await erasing.query("select 1 from members where id = $1 for update", [named.memberId]);
    let settled = false;
    const posting = replyTo(db, writer.viewer, thread.threadId, `Thinking of you @${named.pseudonym} today`).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false); // it waits for the erasure
    await erasing.query("delete from members where id = $1", [named.memberId]);
    await erasing.query("commit");
    const reply = await posting;
    const [stored] = await db.select().from(posts).where(eq(posts.id, reply.postId));
    expect(stored?.bodySource).toContain(`@${named.pseudonym}`);
    expect(await db.select().from(notifications).where(eq(notifications.postId, reply.postId))).toEqual([]);
  } finally {
    erasing.release();
  }
});

/** Erases `erased` while `write` runs: a block of theirs held by another transaction keeps the
 *  erasure inside its steps (holding the member's row) while the write comes in; then both end. */
async function duringErasure<T>(database: Database, erased: { memberId: string; pseudonym: string }, write: () => Promise<T>): Promise<T> {
  const { db } = database;
  const services = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) });
  const other = await viewerFor(db);
  await db.insert(blocks).values({ blockerId: erased.memberId, blockedId: other.memberId });
  const holding = await database.pool.connect();
  try {
    await holding.query("begin");
    await holding.query("select 1 from blocks where blocker_id = $1 for update", [erased.memberId]);
    const erasing = services.privacy.operatorErase(erased.pseudonym);
    await new Promise((r) => setTimeout(r, 300));
    const writing = write();
    await new Promise((r) => setTimeout(r, 300));
    await holding.query("rollback");
    const [, written] = await Promise.all([erasing, writing]);
    expect(await db.select().from(members).where(eq(members.id, erased.memberId))).toEqual([]);
    return written;
  } finally {
    holding.release();
  }
}

test("a reply mentioning a member in their own thread, written while they are erased, is stored: no deadlock", async () => {
  const database = await createTestDatabase();
  const { db } = database;
  const erased = await viewerFor(db);
  const writer = await viewerFor(db);
  const thread = await startThread(db, erased.viewer);
  const reply = await duringErasure(database, erased, () => replyTo(db, writer.viewer, thread.threadId, `Thinking of you @${erased.pseudonym}`));
  const [stored] = await db.select().from(posts).where(eq(posts.id, reply.postId));
  expect(stored?.bodySource).toContain(`@${erased.pseudonym}`);
});

test("a moderator removing a post of a member being erased: both finish, neither fails with a deadlock", async () => {
  const database = await createTestDatabase();
  const { db } = database;
  const services = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) });
  const erased = await viewerFor(db);
  const other = await viewerFor(db);
  const moderator = await viewerFor(db);
  await db.update(members).set({ role: "admin" }).where(eq(members.id, moderator.memberId));
  const thread = await startThread(db, other.viewer);
  const theirs = await replyTo(db, erased.viewer, thread.threadId, "A reply a moderator removes while its author leaves.");
  const removed = await duringErasure(database, erased, () =>
    services.moderation.remove(asActor({ id: moderator.memberId, role: "admin" }), { post: theirs.postId }, "Unkind").then(
      () => "removed",
      (err: unknown) => (isInvalid(err) ? "not applicable any more" : err),
    ),
  );
  expect(["removed", "not applicable any more"]).toContain(removed);
  const [post] = await db.select().from(posts).where(eq(posts.id, theirs.postId));
  expect(post).toMatchObject({ bodySource: "", authorId: null });
});
