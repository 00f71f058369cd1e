// Asking for the current passphrase again (passphrase change, new recovery codes): throttled
// like sign-in, so a borrowed session cannot guess without limit.
import { eq } from "drizzle-orm";
import { members } from "#db/schema.ts";
import { Invalid } from "#server/errors.ts";
import type { AuthDeps } from "./deps.ts";
import { verifyPassphrase } from "./password-hash.ts";

export async function confirmPassphrase(deps: AuthDeps, memberId: string, passphrase: string, clientKey: string) {
  await deps.throttle.before("reauth", memberId, clientKey);
  const [member] = await deps.db.select({ hash: members.passphraseHash }).from(members).where(eq(members.id, memberId));
  if (!member || !(await verifyPassphrase(member.hash, passphrase))) {
    await deps.throttle.failed("reauth", memberId, clientKey);
    throw new Invalid({ current: "passphrase.currentWrong" });
  }
  await deps.throttle.succeeded("reauth", memberId, clientKey);
}
