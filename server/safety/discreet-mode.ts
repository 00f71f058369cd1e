// Discreet mode (issue 12; docs/safety.md, "Discreet mode"): a choice made for one device, so a
// cookie rather than a member setting, like the language and the Shift shortcut. While it is on,
// every tab shows a neutral title and icon, notifications say only "New activity", and quick
// exit also ends the session. HttpOnly: the pages learn it from the server (the root loader), no
// script reads it.
import { parseCookies } from "#server/auth/session-cookie.ts";

export const DISCREET_COOKIE = "discreet";
const ON = "on";
const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function discreetModeOn(cookieHeader: string | null | undefined) {
  return parseCookies(cookieHeader)[DISCREET_COOKIE] === ON;
}

export function discreetModeCookie(on: boolean, https: boolean) {
  const attributes = `Path=/; HttpOnly; SameSite=Lax${https ? "; Secure" : ""}`;
  return on ? `${DISCREET_COOKIE}=${ON}; ${attributes}; Max-Age=${YEAR_SECONDS}` : `${DISCREET_COOKIE}=; ${attributes}; Max-Age=0`;
}

/** What signing out (the sign-out form, a quick exit that signs out, erasing the account) asks
 *  the browser to forget. Signing out otherwise clears
 *  every cookie of the site; in discreet mode the device's own choices (discreet mode, language,
 *  the Shift shortcut) stay, or the next visit, and the history entries it leaves, would carry
 *  Hearth's real titles again. The session cookie is cleared on its own (Set-Cookie). */
export function signOutClearSiteData(discreet: boolean) {
  return discreet ? '"cache", "storage"' : '"cache", "cookies", "storage"';
}

/** Where signing out or erasing sends the browser: when its answer clears every cookie (not in
 *  discreet mode), the language goes along in the address, so that the notice after it is in the
 *  member's language and not the browser's. */
export function signedOutPath(path: string, discreet: boolean, locale: string) {
  return discreet ? path : `${path}${path.includes("?") ? "&" : "?"}lang=${encodeURIComponent(locale)}`;
}
