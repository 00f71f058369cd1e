// Recovery with a single-use code. There is no email: losing the passphrase and every code
// means losing the account, and the pages say so plainly.
import { eq } from "drizzle-orm";
import { members } from "#db/schema.ts";
import { Invalid } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { confirmWithPassphraseForm, recoverForm } from "./auth-forms.ts";
import type { AuthDeps } from "./deps.ts";
import { hashPassphrase } from "./password-hash.ts";
import { confirmPassphrase } from "./reauth.ts";
import { consumeRecoveryCode, issueRecoveryCodes, unusedCodeCount } from "./recovery-codes.ts";
import { createSession, invalidateMemberSessions } from "./session.ts";
import { lockMember, onNewCodes, onRecovered } from "#server/evidence/keys.ts";

export async function recoverAccount(deps: AuthDeps, data: FormData | Record<string, unknown>, clientKey: string) {
  const form = parseForm(recoverForm, data);
  const key = form.pseudonym.key;
  await deps.throttle.before("recover", key, clientKey);
  // Hashed whether or not the name and code turn out to be right: equal time either way.
  const passphraseHash = await hashPassphrase(form.password);
  const result = await deps.db.transaction(async (tx) => {
    const [member] = await tx.select({ id: members.id, pseudonym: members.pseudonym, role: members.role }).from(members).where(eq(members.pseudonymKey, key));
    if (!member || !(await consumeRecoveryCode(tx, member.id, form.code))) return null;
    await tx.update(members).set({ passphraseHash }).where(eq(members.id, member.id));
    const ended = await invalidateMemberSessions(tx, member.id);
    const { token, session } = await createSession(tx, member.id);
    // The evidence log: opened with the code, sealed again for the new passphrase and session.
    await onRecovered(tx, member.id, form.code, form.password, token);
    return { member, sessionId: session.id, token, ended, codesLeft: await unusedCodeCount(tx, member.id) };
  });
  if (!result) {
    await deps.throttle.failed("recover", key, clientKey);
    throw new Invalid({}, "recover.failed");
  }
  await deps.throttle.succeeded("recover", key, clientKey);
  deps.endSessions?.(result.ended);
  return { memberId: result.member.id, member: result.member, sessionId: result.sessionId, token: result.token, codesLeft: result.codesLeft };
}

/** New codes replace the old ones; asks the current passphrase so a borrowed session cannot. */
export async function regenerateRecoveryCodes(
  deps: AuthDeps,
  memberId: string,
  data: FormData | Record<string, unknown>,
  clientKey: string,
  sessionToken?: string,
) {
  const form = parseForm(confirmWithPassphraseForm, data);
  await confirmPassphrase(deps, memberId, form.current, clientKey);
  return deps.db.transaction(async (tx) => {
    // One at a time per member: a form sent twice leaves one set of codes, each opening the log.
    await lockMember(tx, memberId);
    const codes = await issueRecoveryCodes(tx, memberId);
    // The old codes' wraps went with them; the new codes open the evidence log.
    await onNewCodes(tx, memberId, form.current, codes, sessionToken);
    return codes;
  });
}
