// Member administration used by the admin CLI and the admin pages: the same rules as joining,
// no shortcut; every role change audited.
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { forums, members, moderatorForums } from "#db/schema.ts";
import { signUpForm } from "#server/auth/auth-forms.ts";
import { backfillSkeletons, insertMember } from "#server/auth/new-member.ts";
import { hashPassphrase } from "#server/auth/password-hash.ts";
import { pseudonymKey } from "#server/auth/pseudonym.ts";
import { issueRecoveryCodes } from "#server/auth/recovery-codes.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { audit, type AuditActor } from "#server/moderation/audit.ts";
import { sealNewLog } from "#server/evidence/keys.ts";

export const ROLES = ["member", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export async function createMember(db: Db, input: { pseudonym: string; password: string; confirmPassword: string }) {
  const form = parseForm(signUpForm, input);
  const passphraseHash = await hashPassphrase(form.password);
  await backfillSkeletons(db);
  return db.transaction(async (tx) => {
    const member = await insertMember(tx, form.pseudonym, passphraseHash);
    if (!member) throw new Invalid({ pseudonym: "pseudonym.unavailable" });
    const codes = await issueRecoveryCodes(tx, member.id);
    await sealNewLog(tx, member.id, { passphrase: form.password, codes });
    return { id: member.id, pseudonym: member.pseudonym, codes };
  });
}

/** Changes a role and, for a moderator, which forums they moderate (slugs; none or null: every
 *  forum), with its audit row in the same transaction. Roles are read from the database on every
 *  request and socket event, so the change takes effect at once (ASVS 8.3.2); the caller closes
 *  the member's sockets. A member or admin has no rows in moderator_forums. */
export async function setRole(db: Db, pseudonym: string, role: string, forumSlugs: string[] | null, by: AuditActor) {
  if (!(ROLES as readonly string[]).includes(role)) throw new Invalid({ role: "form.invalid" });
  const slugs = role === "moderator" ? [...new Set(forumSlugs ?? [])] : [];
  return db.transaction(async (tx) => {
    const found = slugs.length ? await tx.select({ id: forums.id, slug: forums.slug }).from(forums).where(inArray(forums.slug, slugs)) : [];
    if (found.length !== slugs.length) throw new Invalid({ forums: "admission.roles.unknownForum" });
    const [before] = await tx
      .select({ id: members.id, role: members.role })
      .from(members)
      .where(eq(members.pseudonymKey, pseudonymKey(pseudonym)))
      .for("update");
    if (!before) throw new NotFound();
    const [member] = await tx
      .update(members)
      .set({ role: role as Role })
      .where(eq(members.id, before.id))
      .returning({ id: members.id, pseudonym: members.pseudonym, role: members.role });
    await tx.delete(moderatorForums).where(eq(moderatorForums.memberId, before.id));
    if (found.length) await tx.insert(moderatorForums).values(found.map((f) => ({ memberId: before.id, forumId: f.id })));
    const forumList = role === "moderator" && found.length ? found.map((f) => f.slug).sort() : null;
    await audit(tx, by, { action: "member.role", targetKind: "member", targetId: before.id, detail: { from: before.role, to: role, forums: forumList } });
    return { ...member!, forums: forumList };
  });
}

/** Moderators and admins, with the slugs of the forums a moderator moderates (null: every
 *  forum), and every forum for the page's checkboxes. */
export async function listStaff(db: Db) {
  const rows = await db
    .select({
      id: members.id,
      pseudonym: members.pseudonym,
      role: members.role,
      forums: sql<
        string[] | null
      >`(select array_agg(${forums.slug} order by ${forums.slug}) from ${moderatorForums} join ${forums} on ${forums.id} = ${moderatorForums.forumId} where ${moderatorForums.memberId} = ${members.id})`,
    })
    .from(members)
    .where(inArray(members.role, ["moderator", "admin"]))
    .orderBy(desc(members.role), asc(members.pseudonymKey));
  const allForums = await db.select({ slug: forums.slug, names: forums.names }).from(forums).orderBy(asc(forums.position));
  return { staff: rows.map((row) => ({ ...row, forums: row.role === "moderator" ? row.forums : null })), forums: allForums };
}

export async function memberIdOf(db: Db, pseudonym: string) {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(eq(members.pseudonymKey, pseudonymKey(pseudonym)));
  return row?.id ?? null;
}

export async function listMembers(db: Db) {
  return db
    .select({ pseudonym: members.pseudonym, role: members.role, status: members.status, createdAt: members.createdAt })
    .from(members)
    .orderBy(asc(members.createdAt));
}
