// Invitations (registration mode `invite`): single-use codes that admins make, list and revoke.
// Only a SHA-256 of each code is stored; the code itself exists in clear once, when it is made.
// A code is consumed in the transaction that creates the member, so two people joining with one
// code at the same moment make one member: the second update finds the row already used.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "#db/client.ts";
import { invites } from "#db/schema.ts";
import { normalizeCode } from "#server/auth/recovery-codes.ts";
import { randomToken, sha256Hex } from "#server/auth/tokens.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { isUuid } from "#server/ids.ts";
import { audit, type AuditActor } from "#server/moderation/audit.ts";

export const INVITE_LABEL_MAX = 100;

export type InviteState = "open" | "used" | "revoked";

// 80 random bits, like a recovery code: a fast hash is enough for a code no one chooses.
function newCode() {
  return randomToken(10).match(/.{4}/g)!.join("-");
}

const hashOf = (code: string) => sha256Hex(normalizeCode(code));

export async function createInvite(db: Db, by: AuditActor, label?: string | null) {
  const text = label?.trim() ?? "";
  if ([...text].length > INVITE_LABEL_MAX) throw new Invalid({ label: "form.tooLong" });
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new Invalid({ label: "form.invalid" });
  const code = newCode();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invites)
      .values({ codeHash: hashOf(code), label: text || null, createdBy: by.kind === "member" ? by.id : null })
      .returning({ id: invites.id });
    await audit(tx, by, { action: "invite.create", targetKind: "invite", targetId: row!.id });
    return row!.id;
  });
  return { id, code, label: text || null };
}

export async function listInvites(db: Db) {
  const rows = await db
    .select({ id: invites.id, label: invites.label, createdAt: invites.createdAt, usedAt: invites.usedAt, revokedAt: invites.revokedAt })
    .from(invites)
    .orderBy(desc(invites.createdAt), desc(invites.id));
  return rows.map((row) => ({ ...row, state: (row.revokedAt ? "revoked" : row.usedAt ? "used" : "open") as InviteState }));
}

/** Revokes an open invite; a used or already revoked one cannot be revoked. */
export async function revokeInvite(db: Db, by: AuditActor, id: string) {
  if (!isUuid(id)) throw new NotFound();
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ usedAt: invites.usedAt, revokedAt: invites.revokedAt }).from(invites).where(eq(invites.id, id)).for("update");
    if (!row) throw new NotFound();
    if (row.usedAt || row.revokedAt) throw new Invalid({}, "admission.invite.notOpen");
    await tx.update(invites).set({ revokedAt: new Date() }).where(eq(invites.id, id));
    await audit(tx, by, { action: "invite.revoke", targetKind: "invite", targetId: id });
    return { id };
  });
}

/** Marks the code used by the member just created in this transaction; a wrong, used or revoked
 *  code throws Invalid, which rolls the new member back with it. */
export async function consumeInvite(tx: Tx, code: string, memberId: string) {
  const [used] = await tx
    .update(invites)
    .set({ usedAt: new Date(), usedBy: memberId })
    .where(and(eq(invites.codeHash, hashOf(code)), isNull(invites.usedAt), isNull(invites.revokedAt)))
    .returning({ id: invites.id });
  if (!used) throw new Invalid({ invite: "admission.invite.wrong" });
  return used.id;
}
