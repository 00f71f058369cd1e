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

/** Joining: every field is checked at once, so the form shows a passphrase problem even while
 *  the pseudonym is still wrong (the passphrase is compared with the name as typed). With
 *  `invite`, registration is by invitation and the code is required too. */
function joinForm(invite: boolean) {
  return z
    .object({ pseudonym: z.unknown().optional(), password: z.unknown().optional(), confirmPassword: z.unknown().optional(), invite: z.unknown().optional() })
    .transform((raw, ctx) => {
      const name = checkPseudonym(raw.pseudonym);
      if (!name.ok) ctx.addIssue({ code: "custom", path: ["pseudonym"], message: name.reason });
      const who = name.ok ? name.pseudonym : typeof raw.pseudonym === "string" ? normalizePseudonym(raw.pseudonym) : undefined;
      const problem = checkPassphrase(raw.password, who || undefined);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      else if (raw.password !== raw.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "passphrase.mismatch" });
      const code = typeof raw.invite === "string" ? raw.invite.trim().slice(0, 200) : "";
      if (invite && !code) ctx.addIssue({ code: "custom", path: ["invite"], message: "admission.invite.required" });
      if (!name.ok || problem || raw.password !== raw.confirmPassword || (invite && !code)) return z.NEVER;
      return { pseudonym: { pseudonym: name.pseudonym, key: name.key, skeletons: name.skeletons }, password: raw.password as string, invite: code };
    });
}

export const signUpForm = joinForm(false);
export const inviteSignUpForm = joinForm(true);
export const signInForm = z.object({ pseudonym: existingPseudonym, password: text("passphrase.required").min(1, "passphrase.required") });
export const recoverForm = newPassphrase({
  pseudonym: existingPseudonym,
  code: text("recover.codeRequired").min(1, "recover.codeRequired"),
});
export const changePassphraseForm = newPassphrase({ current: text("passphrase.required").min(1, "passphrase.required") });
export const confirmWithPassphraseForm = z.object({ current: text("passphrase.required").min(1, "passphrase.required") });
