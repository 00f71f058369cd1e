import type { Request } from "express";
import { isLocale } from "#app/i18n/catalog.ts";
import { LANG_COOKIE, negotiateLocale } from "#app/i18n/negotiate.ts";
import { parseCookies } from "#server/auth/session-cookie.ts";

/** The switch's cookie first, then the signed-in member's saved choice, then the page's `?lang=`
 *  (the page after signing out or erasing, whose answer cleared the cookie: see signedOutPath),
 *  then Accept-Language. */
export function requestLocale(req: Request, saved?: string | null) {
  const asked = typeof req.query.lang === "string" && isLocale(req.query.lang) ? req.query.lang : undefined;
  return negotiateLocale(parseCookies(req.headers.cookie)[LANG_COOKIE] ?? saved ?? asked, req.headers["accept-language"]);
}
