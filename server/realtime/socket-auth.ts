// Every socket is authenticated by the session cookie, through the same auth service that pages
// use. A reconnecting socket (connection-state recovery included) passes this middleware again.
import { parseCookies, sessionCookieName } from "#server/auth/session-cookie.ts";
import type { HearthServices } from "#server/services.ts";
import type { HearthIo } from "./io.ts";

export function authenticateSockets(io: HearthIo, services: HearthServices, https: boolean) {
  io.use(async (socket, next) => {
    const token = parseCookies(socket.request.headers.cookie)[sessionCookieName(https)];
    const valid = token ? await services.auth.validateSession(token).catch(() => null) : null;
    if (!valid) return next(new Error("unauthorized"));
    socket.data = { memberId: valid.member.id, pseudonym: valid.member.pseudonym, sessionId: valid.session.id };
    next();
  });
}
