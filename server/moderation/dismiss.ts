// Dismissing a report (or a flag): the moderator looked and nothing needs doing. The item and
// the reports grouped on it are resolved; the content is left as it is.
import { and, eq, isNull } from "drizzle-orm";
import { queueItems } from "#db/schema.ts";
import { authorize, type Actor } from "#server/authz/policy.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { isUuid } from "#server/ids.ts";
import type { ServiceDeps } from "#server/service-deps.ts";
import { audit, memberActor } from "./audit.ts";
import { resolveTarget, type QueueTarget } from "./queue.ts";

export async function dismiss(deps: Pick<ServiceDeps, "db">, actor: Actor, itemId: string, reason: string | null = null) {
  if (!isUuid(itemId)) throw new NotFound();
  await deps.db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(queueItems)
      .where(and(eq(queueItems.id, itemId), isNull(queueItems.resolvedAt)))
      .for("update");
    if (!item) throw new NotFound();
    authorize(actor, "mod.content", item.forumId);
    if (item.kind !== "report" && item.kind !== "flag") throw new Invalid({}, "mod.notApplicable");
    // A chat message's item also names its author (memberId): the message is the target.
    const target: QueueTarget = item.messageId
      ? { message: item.messageId }
      : item.postId
        ? { post: item.postId, thread: item.threadId! }
        : item.threadId
          ? { thread: item.threadId }
          : { member: item.memberId! };
    await resolveTarget(tx, target, actor.id, "dismissed", [item.kind]);
    const targetKind = item.messageId ? "message" : item.postId ? "post" : item.threadId ? "thread" : "member";
    await audit(tx, memberActor(actor.id), {
      action: `${item.kind}.dismiss`,
      targetKind,
      targetId: item.messageId ?? item.postId ?? item.threadId ?? item.memberId,
      forumId: item.forumId,
      reason,
      detail: { item: item.id, reports: item.reportCount },
    });
  });
}
