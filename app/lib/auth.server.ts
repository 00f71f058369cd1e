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

export function redirectIfSignedIn(context: Readonly<RouterContextProvider>) {
  if (context.get(visitorContext).member) throw redirect("/");
}

export function sessionCookie(token: string, https: boolean) {
  return serializeSessionCookie(token, new Date(Date.now() + SESSION_LIFETIME_MS), https);
}

export function clearedSessionCookie(https: boolean) {
  return clearSessionCookie(https);
}
