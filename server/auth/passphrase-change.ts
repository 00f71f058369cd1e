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
import { onPassphraseChanged } from "#server/evidence/keys.ts";

export async function changePassphrase(
  deps: AuthDeps,
  who: { memberId: string; pseudonym: string; sessionId: string },
  data: FormData | Record<string, unknown>,
  clientKey: string,
) {
  const form = parseForm(changePassphraseForm, data);
  if (form.password.toLowerCase().includes(who.pseudonym.toLowerCase())) throw new Invalid({ password: "passphrase.containsPseudonym" });
  await confirmPassphrase(deps, who.memberId, form.current, clientKey);
  const passphraseHash = await hashPassphrase(form.password);
  await deps.db.transaction(async (tx) => {
    await tx.update(members).set({ passphraseHash }).where(eq(members.id, who.memberId));
    // The evidence log's key, sealed for the new passphrase in the same transaction.
    await onPassphraseChanged(tx, who.memberId, form.current, form.password);
  });
  const ended = await invalidateMemberSessions(deps.db, who.memberId, who.sessionId);
  deps.endSessions?.(ended);
  return { endedSessions: ended.length };
}
