import type { Request } from "express";
import { LANG_COOKIE, negotiateLocale } from "#app/i18n/negotiate.ts";
import { parseCookies } from "#server/auth/session-cookie.ts";

export function requestLocale(req: Request) {
  return negotiateLocale(parseCookies(req.headers.cookie)[LANG_COOKIE], req.headers["accept-language"]);
}
