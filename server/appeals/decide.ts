// A moderator decides an appeal. Upheld: the original action stands. Overturned: it is undone —
// a removed post (and a thread removed with it) is visible again, a rejected held post is let
// through, a suspension ends. The decision, the undoing, the queue item's resolution, the audit
// row and the member's notice are one transaction (docs/moderation.md); the member's open
// screens are told after it commits.
import { notifyAfterApproval } from "#server/forums/posting.ts";
import { recount } from "#server/moderation/content-actions.ts";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client.ts";
import { appeals, members, notifications, posts, threads } from "#db/schema.ts";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { audit, memberActor } from "#server/moderation/audit.ts";
import { resolveTarget } from "#server/moderation/queue.ts";
import { type AppealCase, appealCase } from "./case.ts";
import { decisionForm, type Outcome } from "./forms.ts";

/** `outcome` and `response` as a form sends them: checked here ("upheld" | "overturned"; the
 *  response optional, plain text, at most 1,000 characters). */
export async function decide(db: Db, actor: Actor | null, appealId: string, outcome: unknown, response?: unknown) {
  const form = parseForm(decisionForm, { outcome, response: response ?? "" });
  return db.transaction(async (tx) => {
    const found = await appealCase(tx, actor, appealId);
    const moderator = actor as Actor;
    const [decided] = await tx
      .update(appeals)
      .set({ outcome: form.outcome, response: form.response, decidedBy: moderator.id, decidedAt: sql`now()` })
      .where(and(eq(appeals.id, found.id), isNull(appeals.decidedAt)))
      .returning({ id: appeals.id });
    if (!decided) throw new Invalid({}, "history.alreadyDecided");
    const shown = form.outcome === "overturned" ? await undo(tx, found) : null;
    await resolveTarget(tx, { appeal: found.id, member: found.memberId }, moderator.id, form.outcome);
    await audit(tx, memberActor(moderator.id), {
      action: "appeal.decide",
      targetKind: "appeal",
      targetId: found.id,
      forumId: found.forumId,
      reason: form.response,
      detail: { outcome: form.outcome, event: found.event.kind },
    });
    // Same `now()` as decided_at: the notifications page tells this notice (an outcome) from the
    // event's own one by that.
    await tx.insert(notifications).values({ memberId: found.memberId, kind: "moderation", eventId: found.event.id, createdAt: sql`now()` });
    return { memberId: found.memberId, outcome: form.outcome as Outcome, shownPostId: shown };
  });
}

/** Undoes the appealed action; returns the post it brought back into view, if any. */
async function undo(tx: Tx, found: AppealCase): Promise<string | null> {
  const { kind, postId, threadId } = found.event;
  if (kind === "suspension") {
    await tx
      .update(members)
      .set({ status: "active", suspendedUntil: null })
      .where(and(eq(members.id, found.memberId), eq(members.status, "suspended")));
    return null;
  }
  // removal or hold_rejected. A post its author deleted stays deleted.
  const from = kind === "removal" ? (["removed", "hidden"] as const) : (["removed", "pending", "hidden"] as const);
  let restoredThread = threadId;
  let shownPost: string | null = null;
  if (postId) {
    const [before] = await tx.select({ status: posts.status }).from(posts).where(eq(posts.id, postId)).for("update");
    const [post] = await tx
      .update(posts)
      .set({ status: "visible" })
      .where(and(eq(posts.id, postId), inArray(posts.status, [...from])))
      .returning({ threadId: posts.threadId });
    // Counted in its thread again; a held post never shown is let through as an approval is.
    if (post && before?.status === "pending") await notifyAfterApproval(tx, postId);
    else if (post && before) await recount(tx, post.threadId, before.status, "visible");
    restoredThread = post?.threadId ?? null;
    if (post) shownPost = postId;
    // The thread comes back only with its first post, or when the thread itself was the target.
    if (restoredThread) {
      const [first] = await tx
        .select({ id: posts.id })
        .from(posts)
        .where(eq(posts.threadId, restoredThread))
        .orderBy(asc(posts.createdAt), asc(posts.id))
        .limit(1);
      if (first?.id !== postId) restoredThread = null;
    }
  }
  if (restoredThread) {
    await tx
      .update(threads)
      .set({ status: "visible" })
      .where(and(eq(threads.id, restoredThread), inArray(threads.status, ["removed", "pending"])));
  }
  return shownPost;
}
