// One form, many actions: the queue, the post and thread pages and the member page all post
// `intent` with the target's id, an optional reason (template and/or own words) and the action's
// own fields. Parsed here with zod, then handed to the one service function for that action.
import { z } from "zod";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import { formToObject, parseForm } from "#server/forms.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { approve, changeStatus, reject, setContentWarning } from "./content-actions.ts";
import { dismiss } from "./dismiss.ts";
import { ban, resumePosting, SUSPENSION_DAYS, suspend, unban, warn } from "./member-actions.ts";
import { reasonFields } from "./reason.ts";
import type { ContentTarget } from "./targets.ts";
import { moveThread, setThreadFlag } from "./thread-actions.ts";

export const INTENTS = [
  "approve",
  "reject",
  "hide",
  "unhide",
  "remove",
  "restore",
  "warning",
  "lock",
  "unlock",
  "pin",
  "unpin",
  "move",
  "dismiss",
  "warn",
  "suspend",
  "ban",
  "unban",
  "resume",
] as const;
export type Intent = (typeof INTENTS)[number];

const id = z.string().optional();
const actForm = z.object({
  intent: z.enum(INTENTS, { message: "form.invalid" }),
  postId: id,
  threadId: id,
  memberId: id,
  itemId: id,
  contentWarning: z
    .string()
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").trim())
    .pipe(z.string().max(200, "post.warningTooLong"))
    .transform((v) => v || null),
  forum: z.string().optional(),
  duration: z.string().optional(),
  until: z.string().optional(),
});

/** The end of a suspension: a number of days from now, or a date and time given in UTC. */
export function suspensionEnd(duration: string | undefined, until: string | undefined, now = new Date()): Date {
  const days = Number(duration);
  if ((SUSPENSION_DAYS as readonly number[]).includes(days)) return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  if (duration === "until" && until && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(until)) {
    const at = new Date(`${until}Z`);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new Invalid({ duration: "mod.durationRequired" });
}

function content(form: z.output<typeof actForm>): ContentTarget {
  if (form.postId) return { post: form.postId };
  if (form.threadId) return { thread: form.threadId };
  throw new Invalid({}, "form.invalid");
}

function need(value: string | undefined): string {
  if (!value) throw new Invalid({}, "form.invalid");
  return value;
}

/** Runs the action a moderation form asks for; returns the intent, for the page's notice. */
export async function act(deps: Pick<ServiceDeps, "db" | "live">, actor: Actor, data: FormInput): Promise<Intent> {
  const form = parseForm(actForm, data);
  const reason = parseForm(reasonFields, formToObject(data));
  switch (form.intent) {
    case "approve":
      await approve(deps, actor, content(form), reason);
      break;
    case "reject":
      await reject(deps, actor, need(form.postId), reason);
      break;
    case "hide":
    case "unhide":
    case "remove":
    case "restore":
      await changeStatus(deps, actor, form.intent, content(form), reason);
      break;
    case "warning":
      await setContentWarning(deps, actor, content(form), form.contentWarning, reason);
      break;
    case "lock":
    case "unlock":
    case "pin":
    case "unpin":
      await setThreadFlag(deps, actor, need(form.threadId), form.intent, reason);
      break;
    case "move":
      await moveThread(deps, actor, need(form.threadId), need(form.forum), reason);
      break;
    case "dismiss":
      await dismiss(deps, actor, need(form.itemId), reason);
      break;
    case "warn":
      await warn(deps, actor, need(form.memberId), reason, form.postId ? { postId: form.postId } : undefined);
      break;
    case "suspend":
      await suspend(deps, actor, need(form.memberId), suspensionEnd(form.duration, form.until), reason);
      break;
    case "ban":
      await ban(deps, actor, need(form.memberId), reason);
      break;
    case "unban":
      await unban(deps, actor, need(form.memberId), reason);
      break;
    case "resume":
      await resumePosting(deps, actor, need(form.memberId), reason);
      break;
  }
  return form.intent;
}
