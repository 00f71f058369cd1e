// The moderators' queue (/mod) acting on a reported or flagged chat message: its form posts
// `intent=removeMessage` with the room's slug, the message's public id and the usual reason
// fields (a template and/or own words), and lands here rather than in moderation's act().
import { z } from "zod";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import { formToObject, parseForm } from "#server/forms.ts";
import type { Live } from "#server/live.ts";
import { reasonFields } from "#server/moderation/reason.ts";
import type { Db } from "#db/client.ts";
import type { FormInput } from "#server/service-deps.ts";
import { removeMessage } from "./moderate.ts";

const messageForm = z.object({
  intent: z.literal("removeMessage", { message: "form.invalid" }),
  room: z.string().min(1).max(100),
  messageId: z.string().min(1).max(20),
});

/** Whether a moderation form is about a chat message (the route sends it here, then). */
export function isMessageForm(data: FormInput): boolean {
  return formToObject(data).intent === "removeMessage";
}

export async function moderateFromForm(deps: { db: Db; live: Live }, actor: Actor | null, data: FormInput): Promise<"removeMessage"> {
  const form = parseForm(messageForm, data);
  const reason = parseForm(reasonFields, formToObject(data));
  if (!actor) throw new Invalid({}, "form.invalid");
  const removed = await removeMessage(deps, actor, form.room, form.messageId, reason);
  await removed.broadcast();
  return form.intent;
}
