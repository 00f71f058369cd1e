// Moderators' actions on a post or a thread: approve or reject what waits, hide and unhide,
// remove (the author is told, with the reason) and restore, content warnings. Each checks
// "mod.content" for the content's forum, changes it, resolves the queue items on it and writes
// its audit row in one transaction (docs/moderation.md).
import { eq, sql } from "drizzle-orm";
import type { Tx } from "#db/client.ts";
import { members, posts, threads } from "#db/schema.ts";
import { authorize, type Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import type { PostChanges } from "#server/forums/live-posts.ts";
import { notifyAfterApproval } from "#server/forums/posting.ts";
import type { ServiceDeps } from "#server/service-deps.ts";
import { retryingDeadlocks } from "#server/db-retry.ts";
import { afterCommit, type AfterCommit } from "./after-commit.ts";
import { audit, memberActor } from "./audit.ts";
import { recordEvent } from "./events.ts";
import { resolveTarget } from "./queue.ts";
import { firstPostId, lockPost, lockThread, type ContentTarget } from "./targets.ts";

type Deps = Pick<ServiceDeps, "db" | "live">;

async function run(deps: Deps, work: (tx: Tx) => Promise<AfterCommit>) {
  // A moderator acting on a post of a member being erased holds the post, then waits for the
  // member's row; the erasure holds the member, then needs the post (server/db-retry.ts).
  const done = await retryingDeadlocks(() => deps.db.transaction(work));
  await afterCommit(deps, done);
}

/** Approving lets a waiting post (and a pending thread with it) be seen; a probation post counts
 *  towards the author's approved posts; members it mentions are told now. */
export async function approve(deps: Deps, actor: Actor, target: ContentTarget, reason: string | null = null) {
  await run(deps, async (tx) => {
    const postId = "post" in target ? target.post : await firstPostId(tx, (await lockThread(tx, target.thread)).id);
    if (!postId) throw new Invalid({}, "mod.notWaiting");
    const post = await lockPost(tx, postId);
    authorize(actor, "mod.content", post.forumId);
    if (post.status !== "pending" && post.threadStatus !== "pending") throw new Invalid({}, "mod.notWaiting");
    await tx.update(posts).set({ status: "visible" }).where(eq(posts.id, post.id));
    if (post.threadStatus === "pending") {
      await tx.update(threads).set({ status: "visible" }).where(eq(threads.id, post.threadId));
      await resolveTarget(tx, { thread: post.threadId }, actor.id, "approved");
    }
    const resolved = await resolveTarget(tx, { post: post.id, thread: post.threadId }, actor.id, "approved");
    // A probation post waits as `pending`, or as a `hold` that also noted the probation.
    const probation = resolved.some((item) => item.kind === "pending" || (item.kind === "hold" && item.detail.probation === true));
    if (probation && post.authorId) {
      await tx
        .update(members)
        .set({ approvedPosts: sql`${members.approvedPosts} + 1` })
        .where(eq(members.id, post.authorId));
    }
    await audit(tx, memberActor(actor.id), {
      action: "post.approve",
      targetKind: "post",
      targetId: post.id,
      forumId: post.forumId,
      reason,
      detail: { probation },
    });
    // Counted in its thread now (and its last activity), and the members it mentions told.
    return { notify: await notifyAfterApproval(tx, post.id), posts: { shown: [post.id] } };
  });
}

/** A held or probation post not let through: removed, and its author told why. */
export async function reject(deps: Deps, actor: Actor, postId: string, reason: string | null = null) {
  await run(deps, async (tx) => {
    const post = await lockPost(tx, postId);
    authorize(actor, "mod.content", post.forumId);
    if (post.status !== "pending") throw new Invalid({}, "mod.notWaiting");
    await tx.update(posts).set({ status: "removed" }).where(eq(posts.id, post.id));
    if (post.threadStatus === "pending") {
      await tx.update(threads).set({ status: "removed" }).where(eq(threads.id, post.threadId));
      await resolveTarget(tx, { thread: post.threadId }, actor.id, "rejected");
    }
    await resolveTarget(tx, { post: post.id, thread: post.threadId }, actor.id, "rejected");
    await audit(tx, memberActor(actor.id), { action: "post.reject", targetKind: "post", targetId: post.id, forumId: post.forumId, reason });
    if (!post.authorId) return {};
    await recordEvent(tx, { memberId: post.authorId, kind: "hold_rejected", reason, postId: post.id, threadId: post.threadId, context: post.title });
    return { notify: [post.authorId] };
  });
}

type Change = "hide" | "unhide" | "remove" | "restore";

const FROM: Record<Change, string[]> = {
  hide: ["visible"],
  unhide: ["hidden"],
  remove: ["visible", "hidden", "pending"],
  restore: ["removed"],
};
const TO = { hide: "hidden", unhide: "visible", remove: "removed", restore: "visible" } as const;

/** A post's thread counts its visible posts (lists, pages): one fewer when a visible post is
 *  taken out of view, one more when it comes back, so counts never tell that something went. */
export async function recount(tx: Tx, threadId: string, from: string, to: string) {
  const delta = (to === "visible" ? 1 : 0) - (from === "visible" ? 1 : 0);
  if (delta === 0) return;
  await tx
    .update(threads)
    .set({ postCount: sql`greatest(${threads.postCount} + ${delta}, 0)` })
    .where(eq(threads.id, threadId));
}

/** Hide/unhide (no notice) and remove/restore (the author is told privately). */
export async function changeStatus(deps: Deps, actor: Actor, change: Change, target: ContentTarget, reason: string | null = null) {
  await run(deps, async (tx) => {
    const found =
      "post" in target
        ? await lockPost(tx, target.post).then((p) => ({ ...p, kind: "post" as const, queue: { post: p.id, thread: p.threadId } }))
        : await lockThread(tx, target.thread).then((t) => ({
            id: t.id,
            threadId: t.id,
            authorId: t.authorId,
            status: t.status,
            forumId: t.forumId,
            title: t.title,
            kind: "thread" as const,
            queue: { thread: t.id },
          }));
    authorize(actor, "mod.content", found.forumId);
    if (!FROM[change].includes(found.status)) throw new Invalid({}, "mod.notApplicable");
    if (found.kind === "post") {
      await tx.update(posts).set({ status: TO[change] }).where(eq(posts.id, found.id));
      await recount(tx, found.threadId, found.status, TO[change]);
    } else await tx.update(threads).set({ status: TO[change] }).where(eq(threads.id, found.id));
    if (change === "hide" || change === "remove") await resolveTarget(tx, found.queue, actor.id, change === "hide" ? "hidden" : "removed");
    await audit(tx, memberActor(actor.id), { action: `${found.kind}.${change}`, targetKind: found.kind, targetId: found.id, forumId: found.forumId, reason });
    const seen = found.kind === "post" ? postChange(found, TO[change]) : undefined;
    if ((change !== "remove" && change !== "restore") || !found.authorId) return { posts: seen };
    await recordEvent(tx, {
      memberId: found.authorId,
      kind: change === "remove" ? "removal" : "restored",
      reason,
      postId: found.kind === "post" ? found.id : null,
      threadId: found.threadId,
      context: found.title,
    });
    return { notify: [found.authorId], posts: seen };
  });
}

/** What a post's open thread pages hear of its new status: only a change into or out of view
 *  (a post that waited, or stays out of view, was never on anyone else's screen). */
function postChange(post: { id: string; threadId: string; status: string }, to: string): PostChanges | undefined {
  if (to === "visible") return { shown: [post.id] };
  if (post.status === "visible") return { gone: [{ threadId: post.threadId, postId: post.id }] };
  return undefined;
}

/** Adds, changes or (with null) clears the content warning of a post or a thread. */
export async function setContentWarning(deps: Deps, actor: Actor, target: ContentTarget, warning: string | null, reason: string | null = null) {
  await run(deps, async (tx) => {
    const found = "post" in target ? await lockPost(tx, target.post) : await lockThread(tx, target.thread);
    authorize(actor, "mod.content", found.forumId);
    const kind = "post" in target ? ("post" as const) : ("thread" as const);
    if (kind === "post") await tx.update(posts).set({ contentWarning: warning }).where(eq(posts.id, found.id));
    else await tx.update(threads).set({ contentWarning: warning }).where(eq(threads.id, found.id));
    await audit(tx, memberActor(actor.id), {
      action: `${kind}.content_warning`,
      targetKind: kind,
      targetId: found.id,
      forumId: found.forumId,
      reason,
      detail: { warning },
    });
    // An open page shows a post's own warning as soon as it is set (a visible post only).
    return kind === "post" ? { posts: { shown: [found.id] } } : {};
  });
}
