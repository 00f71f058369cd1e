// Moderators' actions on a thread as a whole: lock and unlock (a locked thread takes no replies
// from members), pin and unpin, and moving it to another forum — which needs both forums in the
// moderator's scope, and takes the thread's open queue items along.
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { appeals, forums, moderationEvents, queueItems, threads } from "#db/schema.ts";
import { authorize, type Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import type { ServiceDeps } from "#server/service-deps.ts";
import { audit, memberActor } from "./audit.ts";
import { queueChanged } from "./queue.ts";
import { lockThread } from "./targets.ts";

type Deps = Pick<ServiceDeps, "db">;
export type ThreadFlag = "lock" | "unlock" | "pin" | "unpin";

export async function setThreadFlag(deps: Deps, actor: Actor, threadId: string, flag: ThreadFlag, reason: string | null = null) {
  await deps.db.transaction(async (tx) => {
    const thread = await lockThread(tx, threadId);
    authorize(actor, "mod.content", thread.forumId);
    const set = flag === "lock" || flag === "unlock" ? { locked: flag === "lock" } : { pinned: flag === "pin" };
    await tx.update(threads).set(set).where(eq(threads.id, thread.id));
    await audit(tx, memberActor(actor.id), { action: `thread.${flag}`, targetKind: "thread", targetId: thread.id, forumId: thread.forumId, reason });
  });
}

/** `to`: the destination forum's slug. */
export async function moveThread(deps: Deps, actor: Actor, threadId: string, to: string, reason: string | null = null) {
  await deps.db.transaction(async (tx) => {
    const thread = await lockThread(tx, threadId);
    authorize(actor, "mod.content", thread.forumId);
    const [forum] = await tx.select({ id: forums.id }).from(forums).where(eq(forums.slug, to));
    if (!forum) throw new Invalid({ forum: "mod.noSuchForum" });
    authorize(actor, "mod.content", forum.id);
    if (forum.id === thread.forumId) throw new Invalid({ forum: "mod.sameForum" });
    await tx.update(threads).set({ forumId: forum.id }).where(eq(threads.id, thread.id));
    // Open items on the thread and its posts now belong to the new forum's moderators.
    await tx
      .update(queueItems)
      .set({ forumId: forum.id })
      .where(
        and(
          isNull(queueItems.resolvedAt),
          // The thread's own items, and appeals about events in it (their items name the appeal).
          or(
            eq(queueItems.threadId, thread.id),
            inArray(
              queueItems.appealId,
              tx
                .select({ id: appeals.id })
                .from(appeals)
                .innerJoin(moderationEvents, eq(moderationEvents.id, appeals.eventId))
                .where(eq(moderationEvents.threadId, thread.id)),
            ),
          ),
        ),
      );
    // Items that moved to another forum's moderators: their queues change too.
    await queueChanged(tx);
    await audit(tx, memberActor(actor.id), {
      action: "thread.move",
      targetKind: "thread",
      targetId: thread.id,
      forumId: thread.forumId,
      reason,
      detail: { from: thread.forumId, to: forum.id },
    });
  });
}
