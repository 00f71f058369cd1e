// Editing and deleting one's own post. Only the author may; a deleted post keeps its place
// ("removed by its author") so replies keep their context, and its text is really deleted; so
// is the title of a thread whose opening post it was (server/privacy/placeholder.ts).
//
// An edit is judged like a new post (server/holds/). When the new text holds, or its author is
// on probation and the edit adds a link, the post goes back to waiting for a moderator with a
// queue item: the edit is what waits, and nobody else sees the post meanwhile (the old text is
// not left standing in its place). A visible post that goes back to waiting leaves its thread's
// post count until it is approved again (notifyAfterApproval in posting.ts).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { attachments, auditLog, notifications, posts, threads } from "#db/schema.ts";
import { onProbation } from "#server/admission/probation.ts";
import { requireParticipant } from "#server/authz/guard.ts";
import type { Actor } from "#server/authz/policy.ts";
import { NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { isUuid } from "#server/ids.ts";
import { decideHold } from "#server/holds/decision.ts";
import { linksIn } from "#server/holds/index.ts";
import { composePost } from "./compose.ts";
import { editForm } from "./post-forms.ts";
import { queueChanged } from "#server/moderation/queue.ts";
import { firstPostId } from "#server/moderation/targets.ts";
import { eraseThreadText } from "#server/privacy/placeholder.ts";
import { queuePost } from "./posting.ts";
import { findThread } from "./thread-page.ts";
import type { Viewer } from "./viewer.ts";

type Member = NonNullable<Viewer>;

/** The member's own live post, or NotFound (someone else's post is not theirs to see here). */
export async function ownPost(db: Db, member: Member, postId: string) {
  const found = await ownPostInThread(db, member, postId);
  return found.post;
}

async function ownPostInThread(db: Db, member: Member, postId: string) {
  if (!isUuid(postId)) throw new NotFound();
  const [post] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.authorId, member.id), inArray(posts.status, ["visible", "pending"])));
  const found = post ? await findThread(db, member, post.threadId) : null;
  if (!post || !found) throw new NotFound();
  return { post, thread: found.thread };
}

/** Whether a moderator set this post's content warning (the audit log says so). */
async function warnedByModerator(db: Db, postId: string) {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.targetId, postId), eq(auditLog.action, "post.content_warning")))
    .limit(1);
  return row !== undefined;
}

/** Whether the new text has a link the old one did not. */
function addsLink(before: string, after: string) {
  const old = new Set(linksIn(before));
  return linksIn(after).some((link) => !old.has(link));
}

export async function editPost(db: Db, member: Actor, postId: string, data: FormData | Record<string, unknown>) {
  const { post, thread } = await ownPostInThread(db, member, postId);
  requireParticipant(member, "post.editOwn");
  const form = parseForm(editForm, data);
  // Judged, recorded and rendered before the transaction: see compose.ts.
  const composed = await composePost(db, member.id, form);
  const before = `${post.bodySource}\n${post.contentWarning ?? ""}`;
  const probationLink = addsLink(before, `${composed.bodySource}\n${composed.contentWarning ?? ""}`) && (await onProbation(db, member));
  const decision = decideHold(composed.judgement, probationLink, true);
  const status = post.status === "pending" ? "pending" : decision.status;
  // A content warning a moderator set stays: the author may not edit it away.
  const contentWarning =
    composed.contentWarning !== post.contentWarning && (await warnedByModerator(db, post.id)) ? post.contentWarning : composed.contentWarning;
  return db.transaction(async (tx) => {
    await tx
      .update(posts)
      .set({
        bodySource: composed.bodySource,
        bodyHtml: composed.bodyHtml,
        sanitizerVersion: composed.sanitizerVersion,
        contentWarning,
        status,
        editedAt: new Date(),
      })
      .where(eq(posts.id, post.id));
    if (post.status === "visible" && status === "pending" && thread.status === "visible") {
      await tx
        .update(threads)
        .set({ postCount: sql`greatest(${threads.postCount} - 1, 0)` })
        .where(eq(threads.id, post.threadId));
    }
    await queuePost(tx, decision, { id: post.id, threadId: post.threadId, forumId: thread.forumId, authorId: member.id });
    return { threadId: post.threadId, postId: post.id, notices: composed.notices, pending: status === "pending", wasVisible: post.status === "visible" };
  });
}

export async function deletePost(db: Db, member: Member, postId: string) {
  const { post, thread } = await ownPostInThread(db, member, postId);
  await db.transaction(async (tx) => {
    // A post still waiting for a moderator was never shown to anyone: it goes entirely, with no
    // "removed by its author" placeholder that would tell others a post had been there (and a
    // waiting thread goes with its first post). Its queue items and attachments go with it.
    if (post.status === "pending") {
      if (thread.status === "pending") await tx.delete(threads).where(eq(threads.id, thread.id));
      else await tx.delete(posts).where(eq(posts.id, post.id));
      await queueChanged(tx);
      return;
    }
    await tx.update(posts).set({ status: "deleted", bodySource: "", bodyHtml: "", contentWarning: null, editedAt: new Date() }).where(eq(posts.id, post.id));
    // The opening post of a thread they began takes the thread's title and content warning with
    // it, as erasure does (/privacy keeps a title until its author deletes it); replies stay.
    if (thread.authorId === member.id && (await firstPostId(tx, thread.id)) === post.id) {
      await eraseThreadText(tx, sql`${threads.id} = ${thread.id}::uuid`, { keepAuthor: true });
    }
    await tx.delete(attachments).where(eq(attachments.postId, post.id));
    await tx.delete(notifications).where(eq(notifications.postId, post.id));
  });
  return {
    threadId: post.threadId,
    postId: post.id,
    wasVisible: post.status === "visible",
    threadGone: post.status === "pending" && thread.status === "pending",
  };
}
