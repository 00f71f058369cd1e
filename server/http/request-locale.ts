import type { Request } from "express";
import { LANG_COOKIE, negotiateLocale } from "#app/i18n/negotiate.ts";
import { parseCookies } from "#server/auth/session-cookie.ts";

/** The switch's cookie first, then the signed-in member's saved choice, then Accept-Language. */
export function requestLocale(req: Request, saved?: string | null) {
  return negotiateLocale(parseCookies(req.headers.cookie)[LANG_COOKIE] ?? saved ?? undefined, req.headers["accept-language"]);
}
