// The audit log: who did what to what, why, and when, for every moderator, admin and operator
// action and every settings change. Written in the same transaction as the action itself, so an
// action without its row cannot commit. Rows are never updated or deleted (a trigger refuses it)
// except by the retention job and erasure, which say so with `maintenance()`.
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client.ts";
import { auditLog } from "#db/schema.ts";

/** Who acted: a signed-in member (moderator or admin), the operator at the shell, or Hearth itself. */
export type AuditActor = { kind: "member"; id: string } | { kind: "operator" } | { kind: "system" };

export const OPERATOR: AuditActor = { kind: "operator" };
export const SYSTEM: AuditActor = { kind: "system" };

export function memberActor(id: string): AuditActor {
  return { kind: "member", id };
}

export interface AuditEntry {
  action: string;
  /** `message`: a chat message (its row id); `room`: a chat room. */
  targetKind?: "post" | "thread" | "member" | "forum" | "setting" | "invite" | "report" | "queue" | "appeal" | "message" | "room" | null;
  targetId?: string | null;
  forumId?: string | null;
  reason?: string | null;
  /** What changed, never content a member wrote (a setting's key and value, a suspension's end). */
  detail?: Record<string, unknown> | null;
}

export async function audit(db: DbOrTx, actor: AuditActor, entry: AuditEntry) {
  await db.insert(auditLog).values({
    actorKind: actor.kind,
    actorId: actor.kind === "member" ? actor.id : null,
    action: entry.action,
    targetKind: entry.targetKind ?? null,
    targetId: entry.targetId ?? null,
    forumId: entry.forumId ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  });
}

/** Lets this transaction (and only it) update or delete audit rows: the retention job, erasure. */
export async function maintenance(tx: Tx, why: "retention" | "erasure") {
  await tx.execute(sql`select set_config('hearth.audit_maintenance', ${why}, true)`);
}
