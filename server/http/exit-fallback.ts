// Quick exit must leave even when nothing else works: if a request for /exit fails before or in
// React Router (the database is away while the session cookie is checked), it still goes to the
// default neutral page. The member's sign-out choice cannot be read then, so the safer reading
// is taken: this browser is signed out and its Hearth data cleared (in discreet mode, all but the
// device's own choices, as /exit does then). docs/decisions/006-quick-exit.md.
import type { Request, Response } from "express";
import { DEFAULT_QUICK_EXIT_URLS } from "#db/seed-data/settings.ts";
import { clearSessionCookie, parseCookies, sessionCookieName } from "#server/auth/session-cookie.ts";
import { discreetModeOn, signOutClearSiteData } from "#server/safety/discreet-mode.ts";
import { requestLocale } from "./request-locale.ts";

export function leaveAnyway(req: Request, res: Response, https: boolean) {
  if (req.path !== "/exit" || (req.method !== "GET" && req.method !== "HEAD")) return false;
  if (parseCookies(req.headers.cookie)[sessionCookieName(https)]) {
    res.append("Set-Cookie", clearSessionCookie(https));
    res.setHeader("Clear-Site-Data", signOutClearSiteData(discreetModeOn(req.headers.cookie)));
  }
  res.redirect(303, DEFAULT_QUICK_EXIT_URLS[requestLocale(req)]);
  return true;
}
