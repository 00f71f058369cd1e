// Every socket is authenticated by the session cookie, through the same auth service that pages
// use. A reconnecting socket (connection-state recovery included) passes this middleware again.
// Refused: no session, a banned member (who has none) and a member waiting for approval, who
// has a session only to read their waiting page.
import { negotiateLocale, LANG_COOKIE } from "#app/i18n/negotiate.ts";
import type { Locale } from "#app/i18n/catalog.ts";
import type { Actor } from "#server/authz/policy.ts";
import { parseCookies, sessionCookieName } from "#server/auth/session-cookie.ts";
import type { ValidSession } from "#server/auth/session.ts";
import { sha256Hex } from "#server/auth/tokens.ts";
import type { HearthServices } from "#server/services.ts";
import type { EventLimiter } from "./event-limits.ts";
import type { HearthIo } from "./io.ts";

/** What the policy asks about a session's member (as router-handler.ts builds it for pages). */
export function actorOf(member: ValidSession["member"]): Actor {
  return {
    id: member.id,
    role: member.role,
    status: member.status,
    suspendedUntil: member.suspendedUntil,
    postingPaused: member.postingPaused,
    moderatedForums: member.moderatedForums,
  };
}

/** The session's token, kept only in this process's memory for the socket's life. */
const tokens = new WeakMap<object, string>();

/** The key a session's connections are counted under: not the token, nor the hash the sessions
 *  table keeps of it, so neither Redis nor memory holds anything that finds the session. */
const keyOf = (token: string) => sha256Hex(`socket-connect:${token}`);

export function connectKey(socket: object): string | null {
  const token = tokens.get(socket);
  return token ? keyOf(token) : null;
}

export function authenticateSockets(io: HearthIo, services: HearthServices, https: boolean, limiter: EventLimiter) {
  io.use(async (socket, next) => {
    const cookies = parseCookies(socket.request.headers.cookie);
    const token = cookies[sessionCookieName(https)];
    // Counted before the database is asked: a script reconnecting in a loop costs a hash each time.
    const allowed = token
      ? await limiter.connect(keyOf(token)).then(
          () => true,
          () => false,
        )
      : true;
    if (!allowed) return next(new Error("tooFast"));
    const valid = token ? await services.auth.validateSession(token).catch(() => null) : null;
    if (!valid || valid.member.status === "waiting") return next(new Error("unauthorized"));
    tokens.set(socket, token!);
    const locale = negotiateLocale(cookies[LANG_COOKIE] ?? valid.member.locale ?? undefined, socket.request.headers["accept-language"]);
    // Whom this member blocks, read before the socket joins anything: no message slips through.
    const hides = await services.blocks.blockedIds(valid.member.id).catch(() => null);
    if (!hides) return next(new Error("unavailable"));
    socket.data = { memberId: valid.member.id, pseudonym: valid.member.pseudonym, sessionId: valid.session.id, role: valid.member.role, locale, hides };
    next();
  });
}

/** The member behind a socket as the database says now: every event asks again, so a demoted
 *  moderator, a suspension or an ended session takes effect on the very next event. Null when
 *  the session is gone (or the member is no longer let in). */
export async function currentActor(services: HearthServices, socket: object): Promise<{ actor: Actor; locale: Locale } | null> {
  const token = tokens.get(socket);
  const valid = token ? await services.auth.validateSession(token) : null;
  if (!valid || valid.member.status === "waiting") return null;
  return { actor: actorOf(valid.member), locale: (socket as { data: { locale: Locale } }).data.locale };
}
