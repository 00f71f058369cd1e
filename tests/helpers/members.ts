// Factories for members: real sign-ups through the same service the pages use.
import { randomBytes } from "node:crypto";
import type { Db } from "#db/client.ts";
import { signUp } from "#server/auth/accounts.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";

export function uniquePseudonym(prefix = "Walker") {
  // Letters only after the prefix: digits could look like a phone number.
  const letters = [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join("");
  return `${prefix}${letters}`;
}

export const GOOD_PASSPHRASE = "quiet lanterns over the harbour";

export async function makeMember(db: Db, opts: { pseudonym?: string; password?: string } = {}) {
  const pseudonym = opts.pseudonym ?? uniquePseudonym();
  const password = opts.password ?? GOOD_PASSPHRASE;
  const joined = await signUp({ db, throttle: memoryThrottle() }, { pseudonym, password, confirmPassword: password }, "factory");
  return { pseudonym, password, ...joined };
}
