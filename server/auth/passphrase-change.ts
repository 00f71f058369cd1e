// Changing the passphrase asks for the current one and ends every other session (ASVS 7.4.3).
import { eq } from "drizzle-orm";
import { members } from "#db/schema.ts";
import { Invalid } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { changePassphraseForm } from "./auth-forms.ts";
import type { AuthDeps } from "./deps.ts";
import { hashPassphrase } from "./password-hash.ts";
import { confirmPassphrase } from "./reauth.ts";
import { invalidateMemberSessions } from "./session.ts";
import { lockMember, onPassphraseChanged } from "#server/evidence/keys.ts";

export async function changePassphrase(
  deps: AuthDeps,
  /** `sessionToken`: the asking session's; it opens the evidence log when the current passphrase
   *  does not (a log sealed with an earlier one) so that it is sealed for the new one. */
  who: { memberId: string; pseudonym: string; sessionId: string; sessionToken?: string | null },
  data: FormData | Record<string, unknown>,
  clientKey: string,
) {
  const form = parseForm(changePassphraseForm, data);
  if (form.password.toLowerCase().includes(who.pseudonym.toLowerCase())) throw new Invalid({ password: "passphrase.containsPseudonym" });
  await confirmPassphrase(deps, who.memberId, form.current, clientKey);
  const passphraseHash = await hashPassphrase(form.password);
  await deps.db.transaction(async (tx) => {
    await lockMember(tx, who.memberId);
    await tx.update(members).set({ passphraseHash }).where(eq(members.id, who.memberId));
    // The evidence log's key, sealed for the new passphrase in the same transaction.
    await onPassphraseChanged(tx, who.memberId, form.current, form.password, who.sessionToken ?? undefined);
  });
  const ended = await invalidateMemberSessions(deps.db, who.memberId, who.sessionId);
  deps.endSessions?.(ended);
  return { endedSessions: ended.length };
}
