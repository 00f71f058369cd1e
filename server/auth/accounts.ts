// Joining and signing in. Neither reveals whether a pseudonym exists beyond what joining must
// (a taken name cannot be taken twice): same message, same status, similar time (ASVS 6.3.8).
import { eq } from "drizzle-orm";
import { members } from "#db/schema.ts";
import { Invalid } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { openApproval } from "#server/admission/approval.ts";
import { consumeInvite } from "#server/admission/invites.ts";
import { readSetting } from "#server/settings/store.ts";
import { inviteSignUpForm, signInForm, signUpForm } from "./auth-forms.ts";
import type { AuthDeps } from "./deps.ts";
import { dummyHash, hashPassphrase, verifyPassphrase } from "./password-hash.ts";
import { backfillSkeletons, insertMember } from "./new-member.ts";
import { issueRecoveryCodes } from "./recovery-codes.ts";
import { createSession } from "./session.ts";
import { onSignIn, sealNewLog } from "#server/evidence/keys.ts";

/** Joining, as the registration mode says: `open`; `approval` (the member waits, signed in only
 *  to their waiting page, with an item in the moderators' queue); `invite` (a single-use code,
 *  consumed in the same transaction that creates the member). */
export async function signUp(deps: AuthDeps, data: FormData | Record<string, unknown>, clientKey: string) {
  const mode = await readSetting(deps.db, "registration.mode");
  const form = parseForm(mode === "invite" ? inviteSignUpForm : signUpForm, data);
  await deps.throttle.signUp(clientKey);
  // Hash before looking at the name, so a taken name answers in the same time as a free one.
  const passphraseHash = await hashPassphrase(form.password);
  await backfillSkeletons(deps.db);
  return deps.db.transaction(async (tx) => {
    // A look-alike of a taken name gets the same answer as the taken name itself.
    const member = await insertMember(tx, form.pseudonym, passphraseHash, mode === "approval" ? "waiting" : "active");
    if (!member) throw new Invalid({ pseudonym: "pseudonym.unavailable" });
    // A wrong, used or revoked code throws and takes the new member back with it.
    if (mode === "invite") await consumeInvite(tx, form.invite, member.id);
    if (mode === "approval") await openApproval(tx, member.id);
    const codes = await issueRecoveryCodes(tx, member.id);
    const { token, session } = await createSession(tx, member.id);
    // The member's evidence log, sealed for this passphrase, these codes and this session.
    await sealNewLog(tx, member.id, { passphrase: form.password, codes, sessionToken: token });
    return { memberId: member.id, member, sessionId: session.id, token, codes, waiting: member.status === "waiting" };
  });
}

export async function signIn(deps: AuthDeps, data: FormData | Record<string, unknown>, clientKey: string) {
  const form = parseForm(signInForm, data);
  const key = form.pseudonym.key;
  await deps.throttle.before("sign-in", key, clientKey);
  const [member] = await deps.db
    .select({ id: members.id, hash: members.passphraseHash, status: members.status })
    .from(members)
    .where(eq(members.pseudonymKey, key));
  const ok = await verifyPassphrase(member?.hash ?? (await dummyHash()), form.password);
  if (!member || !ok) {
    await deps.throttle.failed("sign-in", key, clientKey);
    throw new Invalid({}, "signIn.failed");
  }
  await deps.throttle.succeeded("sign-in", key, clientKey);
  // Only someone who knows the passphrase learns that the account is banned. A suspended member
  // signs in and reads; a member waiting for approval signs in to their waiting page.
  if (member.status === "banned") throw new Invalid({}, "signIn.banned");
  const token = await deps.db.transaction(async (tx) => {
    const { token } = await createSession(tx, member.id);
    // This session may open the evidence log: the passphrase unwraps its key for the session.
    await onSignIn(tx, member.id, form.password, token);
    return token;
  });
  return { memberId: member.id, token };
}
