// New threads and replies. One transaction each; a repeated form (same idempotency key) returns
// the post it already made instead of making another.
//
// A post waits for a moderator (status `pending`, and a new thread with it) when its author is
// on probation or its text holds (server/holds/): its queue item is opened in the same
// transaction. A waiting post is seen by its author only: it adds nothing to the thread's post
// count or last activity and sends no mention notifications until it is approved, when the
// approving action calls `notifyAfterApproval` (docs/moderation.md, "Holds").
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "#db/client.ts";
import { attachments, posts, threads } from "#db/schema.ts";
import { createHash } from "node:crypto";
import type { Throttle } from "#server/auth/throttle.ts";
import { onProbation } from "#server/admission/probation.ts";
import { requireParticipant } from "#server/authz/guard.ts";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { decideHold, type HoldDecision } from "#server/holds/decision.ts";
import { openQueueItem } from "#server/moderation/queue.ts";
import { composePost, type Upload } from "./compose.ts";
import { findForum } from "./list.ts";
import { notifyMentions } from "./mentions.ts";
import { replyForm, threadForm } from "./post-forms.ts";
import { findThread } from "./thread-page.ts";

export interface PostingDeps {
  db: Db;
  throttle: Throttle;
  onMentioned?: (memberIds: string[]) => void;
}

type FormInput = FormData | Record<string, unknown>;

class AlreadyPosted extends Error {}

async function existingPost(db: Db, authorId: string, key: string) {
  const [post] = await db
    .select({ id: posts.id, threadId: posts.threadId, status: posts.status })
    .from(posts)
    .where(and(eq(posts.authorId, authorId), eq(posts.idempotencyKey, key)));
  return post ?? null;
}

async function storeAttachment(tx: Tx, postId: string, file: { name: string; content: string; size: number } | null) {
  if (!file) return;
  const sha256 = createHash("sha256").update(file.content).digest("hex");
  await tx.insert(attachments).values({ postId, name: file.name, content: file.content, size: file.size, sha256 });
}

/** The queue item a judged post opens, if any, in the caller's transaction. */
export async function queuePost(tx: DbOrTx, decision: HoldDecision, post: { id: string; threadId: string; forumId: string; authorId: string }) {
  if (!decision.queue) return;
  const { kind, priority, detail } = decision.queue;
  await openQueueItem(tx, { kind, target: { post: post.id, thread: post.threadId }, forumId: post.forumId, memberId: post.authorId, priority, detail });
}

const repeated = (post: { id: string; threadId: string; status: string }) => ({
  threadId: post.threadId,
  postId: post.id,
  notices: [],
  pending: post.status === "pending",
  repeated: true,
});

export async function createThread(deps: PostingDeps, member: Actor, forumSlug: string, data: FormInput, upload?: Upload | null) {
  requireParticipant(member, "post.create");
  const form = parseForm(threadForm, data);
  const forum = await findForum(deps.db, member, forumSlug);
  if (!forum) throw new NotFound();
  const again = await existingPost(deps.db, member.id, form.idempotencyKey);
  if (again) return repeated(again);
  await deps.throttle.posting(member.id);
  // Judged, recorded and rendered before the transaction: see compose.ts.
  const composed = await composePost(deps.db, member.id, { ...form, upload });
  const decision = decideHold(composed.judgement, await onProbation(deps.db, member));
  const waits = decision.status === "pending";
  try {
    const result = await deps.db.transaction(async (tx) => {
      const [thread] = await tx
        .insert(threads)
        .values({
          forumId: forum.id,
          authorId: member.id,
          title: composed.title!,
          contentWarning: composed.contentWarning,
          status: waits ? "pending" : "visible",
          postCount: waits ? 0 : 1,
        })
        .returning({ id: threads.id });
      const [post] = await tx
        .insert(posts)
        .values({ threadId: thread!.id, authorId: member.id, ...pick(composed), status: decision.status, idempotencyKey: form.idempotencyKey })
        .onConflictDoNothing()
        .returning({ id: posts.id });
      if (!post) throw new AlreadyPosted();
      await storeAttachment(tx, post.id, composed.attachment);
      await queuePost(tx, decision, { id: post.id, threadId: thread!.id, forumId: forum.id, authorId: member.id });
      const mentioned = waits ? [] : await notifyMentions(tx, { postId: post.id, authorId: member.id, source: composed.bodySource });
      return { threadId: thread!.id, postId: post.id, notices: composed.notices, mentioned };
    });
    deps.onMentioned?.(result.mentioned);
    return { ...result, pending: waits, repeated: false };
  } catch (err) {
    if (!(err instanceof AlreadyPosted)) throw err;
    return repeated((await existingPost(deps.db, member.id, form.idempotencyKey))!);
  }
}

export async function reply(deps: PostingDeps, member: Actor, threadId: string, data: FormInput, upload?: Upload | null) {
  requireParticipant(member, "post.create");
  const form = parseForm(replyForm, data);
  const found = await findThread(deps.db, member, threadId);
  if (!found) throw new NotFound();
  // A locked thread takes no replies from members (moderators and admins may still close it off).
  if (found.thread.locked && member.role === "member") throw new Invalid({}, "mod.locked");
  const again = await existingPost(deps.db, member.id, form.idempotencyKey);
  if (again) return repeated(again);
  // The author of a waiting thread sees it, but it has no replies until it is approved.
  if (found.thread.status !== "visible") throw new Invalid({ body: "holds.noReplyWhileWaiting" });
  await deps.throttle.posting(member.id);
  const composed = await composePost(deps.db, member.id, { ...form, upload });
  const decision = decideHold(composed.judgement, await onProbation(deps.db, member));
  const waits = decision.status === "pending";
  const result = await deps.db.transaction(async (tx) => {
    const [post] = await tx
      .insert(posts)
      .values({ threadId, authorId: member.id, ...pick(composed), status: decision.status, idempotencyKey: form.idempotencyKey })
      .onConflictDoNothing()
      .returning({ id: posts.id });
    if (!post) return null;
    // Mentions before the thread's row: their lookup may wait for a member being erased, who may
    // in turn need this thread's row (their own thread); members first, as erasure takes them.
    const mentioned = waits ? [] : await notifyMentions(tx, { postId: post.id, authorId: member.id, source: composed.bodySource });
    if (!waits) {
      await tx
        .update(threads)
        .set({ lastActivityAt: sql`now()`, postCount: sql`${threads.postCount} + 1` })
        .where(eq(threads.id, threadId));
    }
    await storeAttachment(tx, post.id, composed.attachment);
    await queuePost(tx, decision, { id: post.id, threadId, forumId: found.thread.forumId, authorId: member.id });
    return { postId: post.id, notices: composed.notices, mentioned };
  });
  if (!result) return repeated((await existingPost(deps.db, member.id, form.idempotencyKey))!);
  deps.onMentioned?.(result.mentioned);
  return { threadId, postId: result.postId, notices: result.notices, pending: waits, repeated: false };
}

/** For the moderators' approve action, in its transaction, after it has made the post (and a
 *  waiting thread) visible: the post now counts in its thread (post count, last activity) and
 *  the members it mentions are notified. Returns their ids: push `notifications:new` to them
 *  once the transaction has committed. Does nothing for a post that is not visible. */
export async function notifyAfterApproval(tx: DbOrTx, postId: string): Promise<string[]> {
  const [post] = await tx
    .select({ threadId: posts.threadId, authorId: posts.authorId, source: posts.bodySource })
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.status, "visible")));
  if (!post) return [];
  // Mentions first, as in reply(): members' rows before the thread's.
  const mentioned = post.authorId ? await notifyMentions(tx, { postId, authorId: post.authorId, source: post.source }) : [];
  await tx
    .update(threads)
    .set({ lastActivityAt: sql`now()`, postCount: sql`${threads.postCount} + 1` })
    .where(eq(threads.id, post.threadId));
  return mentioned;
}

function pick(c: { bodySource: string; bodyHtml: string; sanitizerVersion: string; contentWarning: string | null }) {
  return { bodySource: c.bodySource, bodyHtml: c.bodyHtml, sanitizerVersion: c.sanitizerVersion, contentWarning: c.contentWarning };
}
