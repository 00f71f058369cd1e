// A reply that mentions a member who is being erased at that moment (issue 12's benchmark found
// these answered 500): the reply waits for the erasure's hold on the member's row, then is stored
// without a notification to a member who is gone.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { notifications, posts } from "#db/schema.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { replyTo, startThread, viewerFor } from "#tests/helpers/forums.ts";

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
