// Registration mode `approval`: a new member waits (status `waiting`) with an `approval` item in
// the queue until a moderator of every forum (or an admin) lets them in or refuses them. A
// refused account is deleted, and its sessions end at once (docs/moderation.md).
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client.ts";
import { members, sessions } from "#db/schema.ts";
import { authorize, type Actor } from "#server/authz/policy.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { isUuid } from "#server/ids.ts";
import type { Live } from "#server/live.ts";
import { audit, memberActor } from "#server/moderation/audit.ts";
import { PRIORITY } from "#server/moderation/priority.ts";
import { openQueueItem, resolveTarget } from "#server/moderation/queue.ts";

export const APPROVAL_REASON_MAX = 500;

/** In the join's transaction: the waiting member's item in the queue. */
export async function openApproval(tx: DbOrTx, memberId: string) {
  return openQueueItem(tx, { kind: "approval", target: { member: memberId }, forumId: null, memberId, priority: PRIORITY.approval });
}

export async function decideApproval(db: Db, live: Live, actor: Actor | null, memberId: string, decision: "approve" | "refuse", reason?: string | null) {
  authorize(actor, "mod.approval");
  if (decision !== "approve" && decision !== "refuse") throw new Invalid({ decision: "form.invalid" });
  if (!isUuid(memberId)) throw new NotFound();
  const why = reason?.trim() ? reason.trim().slice(0, APPROVAL_REASON_MAX) : null;
  const ended = await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.id, memberId), eq(members.status, "waiting")))
      .for("update");
    if (!member) throw new NotFound();
    await resolveTarget(tx, { member: memberId }, actor.id, decision === "approve" ? "approved" : "refused", ["approval"]);
    // The audit row names the account by id only: a refused pseudonym is not kept anywhere.
    await audit(tx, memberActor(actor.id), { action: `approval.${decision}`, targetKind: "member", targetId: memberId, reason: why });
    if (decision === "approve") {
      await tx.update(members).set({ status: "active" }).where(eq(members.id, memberId));
      return [];
    }
    const ids = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.memberId, memberId));
    await tx.delete(members).where(eq(members.id, memberId));
    return ids.map((s) => s.id);
  });
  if (ended.length > 0) await live.endSessions(ended);
  return { memberId, decision };
}
