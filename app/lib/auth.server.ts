// Route-side helpers for sessions: guards that throw, and the cookie headers.
import { redirect, type RouterContextProvider } from "react-router";
import { visitorContext } from "#app/context.ts";
import { clearSessionCookie, serializeSessionCookie } from "#server/auth/session-cookie.ts";
import { SESSION_LIFETIME_MS } from "#server/auth/session.ts";

export function requireMember(context: Readonly<RouterContextProvider>) {
  const visitor = context.get(visitorContext);
  if (!visitor.member || !visitor.sessionId) throw redirect("/login");
  return { ...visitor, member: visitor.member, sessionId: visitor.sessionId };
}

/** For pages a signed-in member has no use for; not on the response that just signed them in. */
export function redirectIfSignedIn(context: Readonly<RouterContextProvider>) {
  const visitor = context.get(visitorContext);
  if (visitor.member && !visitor.freshSession) throw redirect("/");
}

/** After joining or recovering, this same response (the page without JavaScript) already shows
 *  the member as signed in. */
export function markSignedIn(
  context: Readonly<RouterContextProvider>,
  member: { id: string; pseudonym: string; role: "member" | "moderator" | "admin" },
  sessionId: string,
) {
  const visitor = context.get(visitorContext);
  visitor.member = member;
  visitor.sessionId = sessionId;
  visitor.freshSession = true;
}

export function sessionCookie(token: string, https: boolean) {
  return serializeSessionCookie(token, new Date(Date.now() + SESSION_LIFETIME_MS), https);
}

export function clearedSessionCookie(https: boolean) {
  return clearSessionCookie(https);
}
