// One appeal as the moderator deciding it sees it, and who may decide it: a moderator of the
// forum the event's thread is in (of every forum when there is none), and for a suspension a
// moderator of every forum, since suspensions are actions on members. Never the appellant.
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "#db/client.ts";
import { appeals, members, moderationEvents, posts, queueItems, threads } from "#db/schema.ts";
import { authorize } from "#server/authz/guard.ts";
import { outranks, type Actor } from "#server/authz/policy.ts";
import { Forbidden, NotFound } from "#server/errors.ts";
import { isUuid } from "#server/ids.ts";

const appellant = alias(members, "appellant");

async function loadCase(db: DbOrTx, appealId: string) {
  const [row] = await db
    .select({
      id: appeals.id,
      memberId: appeals.memberId,
      member: appellant.pseudonym,
      memberRole: appellant.role,
      note: appeals.note,
      createdAt: appeals.createdAt,
      outcome: appeals.outcome,
      response: appeals.response,
      decidedAt: appeals.decidedAt,
      event: {
        id: moderationEvents.id,
        kind: moderationEvents.kind,
        reason: moderationEvents.reason,
        context: moderationEvents.context,
        until: moderationEvents.until,
        createdAt: moderationEvents.createdAt,
        postId: moderationEvents.postId,
        threadId: moderationEvents.threadId,
      },
      threadTitle: threads.title,
      threadForumId: threads.forumId,
      postText: posts.bodySource,
      // The queue item's forum, as it was opened; the thread's when the item is gone.
      itemForumId: queueItems.forumId,
      itemId: queueItems.id,
    })
    .from(appeals)
    .innerJoin(moderationEvents, eq(moderationEvents.id, appeals.eventId))
    .innerJoin(appellant, eq(appellant.id, appeals.memberId))
    .leftJoin(threads, eq(threads.id, moderationEvents.threadId))
    .leftJoin(posts, eq(posts.id, moderationEvents.postId))
    .leftJoin(queueItems, eq(queueItems.appealId, appeals.id))
    .where(eq(appeals.id, appealId))
    .limit(1);
  return row ?? null;
}

export type AppealCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

/** The appeal, if this actor may decide it: NotFound for an unknown id, Forbidden otherwise. */
export async function appealCase(db: DbOrTx, actor: Actor | null, appealId: string): Promise<AppealCase & { forumId: string | null }> {
  // Not a moderator at all: refused before anything is looked up.
  authorize(actor, "mod.appeal");
  if (!isUuid(appealId)) throw new NotFound();
  const found = await loadCase(db, appealId);
  if (!found) throw new NotFound();
  // The forum the event's thread is in now (it may have been moved since); the queue item's
  // when the thread is gone; none for a suspension.
  const forumId = found.event.threadId && found.threadForumId ? found.threadForumId : found.itemId ? found.itemForumId : null;
  authorize(actor, "mod.appeal", forumId);
  if (found.event.kind === "suspension") authorize(actor, "mod.suspend");
  // Never the appellant; and, as for every action on members, only someone who outranks them
  // (a moderator's suspension is undone by an admin, not by a peer).
  if (actor.id === found.memberId || !outranks(actor, { role: found.memberRole })) throw new Forbidden();
  return { ...found, forumId };
}
