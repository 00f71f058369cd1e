// The room page's forms without JavaScript (/chat/:roomSlug): send a message, and a moderator's
// remove, mute, slow mode and lock. Each calls the chat service (which authorizes it), pushes the
// change to every open screen, then redirects back to the room (Post/Redirect/Get), so a reload
// never sends it twice. A refusal answers 400 with the form's errors, as other forms do.
import { data, redirect, type RouterContextProvider } from "react-router";
import { servicesContext } from "#app/context.ts";
import type { ChatFormState, ChatIntent } from "#app/components/chat/chat-form-state.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { isForbidden, isInvalid, isNotFound, isTooManyAttempts } from "#server/errors.ts";
import type { HearthServices } from "#server/services.ts";

const INTENTS: readonly ChatIntent[] = ["send", "remove", "mute", "slow", "lock", "unlock"];
const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
const optional = (form: FormData, name: string) => text(form, name).trim() || undefined;

export async function chatRoomAction(context: Readonly<RouterContextProvider>, slug: string, request: Request) {
  const visitor = requireMember(context);
  const form = await readForm(request);
  const intent = text(form, "intent") as ChatIntent;
  if (!INTENTS.includes(intent)) throw httpError(400);
  const chat = context.get(servicesContext).chat;
  const actor = visitor.member;
  const room = `/chat/${encodeURIComponent(slug)}`;
  try {
    if (intent === "send") {
      const sent = await orNotFound(() => chat.send(actor, slug, { clientId: text(form, "clientId"), body: text(form, "body") }));
      await sent.broadcast();
      const notice = sent.notice ? `?notice=${encodeURIComponent(sent.notice)}` : "";
      return redirect(`${room}${notice}#m-${sent.message.id}`);
    }
    const done = await moderate(chat, actor, slug, intent, form);
    await done.broadcast();
    return redirect(`${room}?done=${intent}`);
  } catch (err) {
    return chatFailure(err, intent, intent === "send" ? { body: text(form, "body").slice(0, 4000) } : {});
  }
}

type Chat = HearthServices["chat"];
type Actor = ReturnType<typeof requireMember>["member"];

function moderate(chat: Chat, actor: Actor, slug: string, intent: Exclude<ChatIntent, "send">, form: FormData) {
  switch (intent) {
    case "remove":
      return chat.remove(actor, slug, text(form, "id"), optional(form, "reason"));
    case "mute":
      return chat.mute(actor, slug, text(form, "member"), Number(text(form, "minutes")), optional(form, "reason"));
    case "slow":
      return chat.setSlowMode(actor, slug, Number(text(form, "seconds")));
    case "lock":
    case "unlock":
      return chat.setLocked(actor, slug, intent === "lock");
  }
}

/** A refusal with the words it fills in ("wait 12 s", "muted until …"); anything else as forms do. */
function chatFailure(err: unknown, intent: ChatIntent, values: Record<string, string>) {
  // A room or message not there (or not theirs to see) is the 404 page; an action this member may
  // not take in a room they are in (a moderator muting a peer) is said on the page.
  if (isNotFound(err)) throw httpError(404);
  if (isForbidden(err)) return data<ChatFormState>({ ok: false, intent, fieldErrors: {}, formError: "chat.error.forbidden", values }, { status: 403 });
  if (isInvalid(err)) {
    return data<ChatFormState>({ ok: false, intent, fieldErrors: err.fields, formError: err.formError, formErrorParams: err.params, values }, { status: 400 });
  }
  if (isTooManyAttempts(err)) {
    const seconds = err.retryAfterSeconds;
    return data<ChatFormState>(
      { ok: false, intent, fieldErrors: {}, formError: "chat.error.tooFast", formErrorParams: { seconds }, values },
      { status: 429, headers: { "Retry-After": String(seconds) } },
    );
  }
  // Whatever is left is not the member's to fix: the 503 page, or the error boundary.
  return formFailure(err, values);
}
