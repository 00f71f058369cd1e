// What a moderator's action is about, read inside the action's transaction: a post with its
// thread and forum, a thread, or a member. Locked for update, so two moderators acting on one
// target at once take turns instead of both reading the old status.
import { asc, eq } from "drizzle-orm";
import type { Tx } from "#db/client.ts";
import { members, posts, threads } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import { isUuid } from "#server/ids.ts";

export type ContentTarget = { post: string } | { thread: string };

export async function lockPost(tx: Tx, postId: string) {
  if (!isUuid(postId)) throw new NotFound();
  const [row] = await tx
    .select({
      id: posts.id,
      threadId: posts.threadId,
      authorId: posts.authorId,
      status: posts.status,
      bodySource: posts.bodySource,
      forumId: threads.forumId,
      threadStatus: threads.status,
      title: threads.title,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId))
    .for("update");
  if (!row) throw new NotFound();
  return row;
}

export async function lockThread(tx: Tx, threadId: string) {
  if (!isUuid(threadId)) throw new NotFound();
  const [row] = await tx.select().from(threads).where(eq(threads.id, threadId)).for("update");
  if (!row) throw new NotFound();
  return row;
}

/** The thread's first post: the one a pending thread waits on. */
export async function firstPostId(tx: Tx, threadId: string) {
  const [row] = await tx.select({ id: posts.id }).from(posts).where(eq(posts.threadId, threadId)).orderBy(asc(posts.createdAt), asc(posts.id)).limit(1);
  return row?.id ?? null;
}

export async function lockMember(tx: Tx, memberId: string) {
  if (!isUuid(memberId)) throw new NotFound();
  const [row] = await tx
    .select({ id: members.id, pseudonym: members.pseudonym, role: members.role, status: members.status, postingPausedAt: members.postingPausedAt })
    .from(members)
    .where(eq(members.id, memberId))
    .for("update");
  if (!row) throw new NotFound();
  return row;
}
