// The auth forms' schemas (sign-up, sign-in, recovery, passphrase change), shared by the
// actions and the admin CLI.
import { z } from "zod";
import { checkPassphrase } from "./passphrase-policy.ts";
import { checkPseudonym, normalizePseudonym, pseudonymKey } from "./pseudonym.ts";

const text = (required: string) => z.string({ message: required }).max(4096, "form.tooLong");

export const newPseudonym = text("pseudonym.required").transform((value, ctx) => {
  const check = checkPseudonym(value);
  if (!check.ok) {
    ctx.addIssue({ code: "custom", message: check.reason });
    return z.NEVER;
  }
  return { pseudonym: check.pseudonym, key: check.key, skeletons: check.skeletons };
});

/** For sign-in and recovery: any text, so that malformed names get the same answer as unknown ones. */
const existingPseudonym = text("pseudonym.required")
  .min(1, "pseudonym.required")
  .transform((value) => ({ pseudonym: normalizePseudonym(value), key: pseudonymKey(value) }));

function newPassphrase<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...shape, password: text("passphrase.required"), confirmPassword: text("passphrase.required") }).superRefine((parsed, ctx) => {
    const form = parsed as unknown as { password: string; confirmPassword: string; pseudonym?: { pseudonym: string } };
    const who = form.pseudonym?.pseudonym;
    const problem = checkPassphrase(form.password, who);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    else if (form.password !== form.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "passphrase.mismatch" });
  });
}

export const signUpForm = newPassphrase({ pseudonym: newPseudonym });
export const signInForm = z.object({ pseudonym: existingPseudonym, password: text("passphrase.required").min(1, "passphrase.required") });
export const recoverForm = newPassphrase({
  pseudonym: existingPseudonym,
  code: text("recover.codeRequired").min(1, "recover.codeRequired"),
});
export const changePassphraseForm = newPassphrase({ current: text("passphrase.required").min(1, "passphrase.required") });
export const confirmWithPassphraseForm = z.object({ current: text("passphrase.required").min(1, "passphrase.required") });
