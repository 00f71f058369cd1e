// Member administration used by the admin CLI: the same rules as joining, no shortcut.
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { signUpForm } from "#server/auth/auth-forms.ts";
import { backfillSkeletons, insertMember } from "#server/auth/new-member.ts";
import { hashPassphrase } from "#server/auth/password-hash.ts";
import { pseudonymKey } from "#server/auth/pseudonym.ts";
import { issueRecoveryCodes } from "#server/auth/recovery-codes.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";

export const ROLES = ["member", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export async function createMember(db: Db, input: { pseudonym: string; password: string; confirmPassword: string }) {
  const form = parseForm(signUpForm, input);
  const passphraseHash = await hashPassphrase(form.password);
  await backfillSkeletons(db);
  return db.transaction(async (tx) => {
    const member = await insertMember(tx, form.pseudonym, passphraseHash);
    if (!member) throw new Invalid({ pseudonym: "pseudonym.unavailable" });
    return { id: member.id, pseudonym: member.pseudonym, codes: await issueRecoveryCodes(tx, member.id) };
  });
}

/** Changes a role. Roles are read from the database on every request and socket event, so the
 *  change takes effect at once without ending sessions (ASVS 8.3.2). */
export async function setRole(db: Db, pseudonym: string, role: string) {
  if (!(ROLES as readonly string[]).includes(role)) throw new Invalid({ role: "form.invalid" });
  const [member] = await db
    .update(members)
    .set({ role: role as Role })
    .where(eq(members.pseudonymKey, pseudonymKey(pseudonym)))
    .returning({ id: members.id, pseudonym: members.pseudonym, role: members.role });
  if (!member) throw new NotFound();
  return member;
}

export async function listMembers(db: Db) {
  return db
    .select({ pseudonym: members.pseudonym, role: members.role, status: members.status, createdAt: members.createdAt })
    .from(members)
    .orderBy(asc(members.createdAt));
}
