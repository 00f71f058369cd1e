// Route-side helpers for sessions: guards that throw, and the cookie headers.
import { redirect, type RouterContextProvider } from "react-router";
import { visitorContext } from "#app/context.ts";
import type { VisitorMember } from "#app/contracts/visitor.ts";
import { clearSessionCookie, serializeSessionCookie } from "#server/auth/session-cookie.ts";
import { SESSION_LIFETIME_MS } from "#server/auth/session.ts";

export function requireMember(context: Readonly<RouterContextProvider>) {
  const visitor = context.get(visitorContext);
  if (visitor.waiting) throw redirect("/waiting");
  if (!visitor.member || !visitor.sessionId) throw redirect("/login");
  return { ...visitor, member: visitor.member, sessionId: visitor.sessionId };
}

/** Pages a member waiting for approval may still open: their waiting page, signing out, and the
 *  safety and privacy pages every visitor has. Anything else sends them to /waiting. /join: the response
 *  that just made the account shows its recovery codes (the page itself sends them on). */
export const WAITING_PATHS = ["/waiting", "/join", "/logout", "/exit", "/language", "/discreet", "/help", "/safety", "/privacy", "/ping"];

export function waitingRedirect(context: Readonly<RouterContextProvider>, request: Request) {
  const visitor = context.get(visitorContext);
  if (!visitor.waiting) return;
  const path = new URL(request.url).pathname.replace(/\.data$/, "").replace(/\/$/, "") || "/";
  if (!WAITING_PATHS.includes(path)) throw redirect("/waiting");
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
  member: { id: string; pseudonym: string; role: "member" | "moderator" | "admin"; status?: VisitorMember["status"] },
  sessionId: string,
) {
  const visitor = context.get(visitorContext);
  visitor.member = { status: "active", suspendedUntil: null, postingPaused: false, moderatedForums: null, ...member };
  visitor.sessionId = sessionId;
  visitor.freshSession = true;
}

export function sessionCookie(token: string, https: boolean) {
  return serializeSessionCookie(token, new Date(Date.now() + SESSION_LIFETIME_MS), https);
}

export function clearedSessionCookie(https: boolean) {
  return clearSessionCookie(https);
}
