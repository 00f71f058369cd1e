// The per-device choice to turn the Shift shortcut off (docs/safety.md: Microsoft Pinyin switches
// language with a lone Shift). A cookie, not a member setting: the input method belongs to the
// device, and the choice must hold before signing in. docs/decisions/006-quick-exit.md.
import { parseCookies } from "#server/auth/session-cookie.ts";

export const SHIFT_SHORTCUT_COOKIE = "exit_shift";

export function shiftShortcutOn(request: Request) {
  return parseCookies(request.headers.get("cookie"))[SHIFT_SHORTCUT_COOKIE] !== "off";
}

export function shiftShortcutCookie(on: boolean, https: boolean) {
  const attributes = `Path=/; HttpOnly; SameSite=Lax${https ? "; Secure" : ""}`;
  return on ? `${SHIFT_SHORTCUT_COOKIE}=; ${attributes}; Max-Age=0` : `${SHIFT_SHORTCUT_COOKIE}=off; ${attributes}; Max-Age=31536000`;
}
