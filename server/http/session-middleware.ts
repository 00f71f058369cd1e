// Resolves the session cookie once per request; renews the cookie when the session slid forward,
// and clears a cookie whose session has ended.
import type { RequestHandler } from "express";
import type { Db } from "#db/client.ts";
import { clearSessionCookie, parseCookies, serializeSessionCookie, sessionCookieName } from "#server/auth/session-cookie.ts";
import { validateSessionToken, type ValidSession } from "#server/auth/session.ts";

export function sessionMiddleware(db: Db, secure: boolean): RequestHandler {
  const name = sessionCookieName(secure);
  return async (req, res, next) => {
    const token = parseCookies(req.headers.cookie)[name];
    res.locals.auth = null satisfies ValidSession | null;
    if (!token) return next();
    try {
      const valid = await validateSessionToken(db, token);
      if (!valid) res.append("Set-Cookie", clearSessionCookie(secure));
      else if (valid.renewed) res.append("Set-Cookie", serializeSessionCookie(token, valid.session.expiresAt, secure));
      res.locals.auth = valid;
      next();
    } catch (err) {
      next(err);
    }
  };
}
