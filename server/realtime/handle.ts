// One socket event, the same way every time (docs/realtime.md): rate limit → validate → the
// member as the database says now → the service (which authorizes and persists) → ack →
// broadcast. The acknowledgement is `{ok: true, ...}` or `{ok: false, error}` with a message
// translated for the member; nothing internal, no stack trace, reaches the socket.
import type { Socket } from "socket.io";
import type { z } from "zod";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "#app/contracts/events.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n/catalog.ts";
import type { Actor } from "#server/authz/policy.ts";
import { isDatabaseDown, isForbidden, isInvalid, isNotFound, isTooManyAttempts } from "#server/errors.ts";
import type { Log } from "#server/log.ts";
import type { HearthServices } from "#server/services.ts";
import type { EventLimiter } from "./event-limits.ts";
import { isClosing, refusedTooOften } from "./flood-guard.ts";
import { connectKey, currentActor } from "./socket-auth.ts";

export type HearthSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type EventName = keyof ClientToServerEvents;

export interface HandlerDeps {
  services: HearthServices;
  limiter: EventLimiter;
  log: Log;
}

export interface EventContext {
  socket: HearthSocket;
  actor: Actor;
  locale: Locale;
}

/** What a handler answers: the acknowledgement's fields, and what to do once it is sent. */
export interface Handled<T extends object> {
  reply: T;
  broadcast?: () => Promise<void> | void;
}

export function translatedError(err: unknown, locale: Locale, log: Log, event: string): string {
  const key = errorKey(err);
  if (key === "chat.error.generic") log.error({ event: "socket-event-failed", socketEvent: event, err: { name: (err as Error)?.name } }, "socket event failed");
  const seconds = isTooManyAttempts(err) ? err.retryAfterSeconds : 0;
  return translate(locale, key, { seconds, ...(isInvalid(err) ? err.params : undefined) });
}

function errorKey(err: unknown): MessageKey {
  if (isInvalid(err)) return err.formError ?? (Object.values(err.fields).find(Boolean) as MessageKey | undefined) ?? "chat.error.invalid";
  if (isTooManyAttempts(err)) return "chat.error.tooFast";
  if (isForbidden(err)) return "chat.error.forbidden";
  if (isNotFound(err)) return "chat.error.notFound";
  if (isDatabaseDown(err)) return "chat.error.unavailable";
  return "chat.error.generic";
}

/** Registers `event` on `socket`. `input` validates what the client sent; `run` calls a service. */
export function handle<E extends EventName, I, T extends object>(
  deps: HandlerDeps,
  socket: HearthSocket,
  event: E,
  input: z.ZodType<I>,
  run: (ctx: EventContext, input: I) => Promise<Handled<T>>,
) {
  const listener = async (...args: unknown[]) => {
    const ack = args.at(-1);
    // Every client event takes an acknowledgement; one without has nobody to answer.
    if (typeof ack !== "function") return;
    const answer = ack as (result: unknown) => void;
    const locale = socket.data.locale;
    try {
      await deps.limiter.consume(socket.data.memberId, event);
    } catch (err) {
      // Packets that arrived in the same read as the one that closed it get no answer.
      if (isClosing(socket)) return;
      answer({ ok: false, error: translatedError(err, locale, deps.log, event) });
      if (refusedTooOften(socket)) await closeFlood(deps, socket);
      return;
    }
    try {
      const parsed = input.safeParse(args.length > 1 ? args[0] : undefined);
      if (!parsed.success) return answer({ ok: false, error: translate(locale, "chat.error.invalid") });
      const current = await currentActor(deps.services, socket);
      if (!current) {
        answer({ ok: false, error: translate(locale, "chat.error.signedOut") });
        socket.disconnect(true);
        return;
      }
      const done = await run({ socket, actor: current.actor, locale: current.locale }, parsed.data);
      answer({ ok: true, ...done.reply });
      await done.broadcast?.();
    } catch (err) {
      answer({ ok: false, error: translatedError(err, locale, deps.log, event) });
    }
  };
  (socket.on as (event: string, listener: (...args: unknown[]) => void) => void)(event, (...args) => void listener(...args));
}

/** A socket that keeps going after "too fast": closed, and its session kept out for a while. */
async function closeFlood(deps: HandlerDeps, socket: HearthSocket) {
  const key = connectKey(socket);
  if (key) await deps.limiter.shut(key);
  deps.log.warn({ event: "socket-flood-closed" }, "closed a socket that kept sending after too fast");
  socket.disconnect(true);
}
