import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { servicesContext, visitorContext } from "#app/context.ts";
import { isLocale } from "#app/i18n/catalog.ts";
import { LANG_COOKIE } from "#app/i18n/negotiate.ts";

export async function loader() {
  return redirect("/");
}

/** Only a path on this site: "/x" but never "//host" or "/\host" (no open redirect). */
function safeReturnTo(value: FormDataEntryValue | null) {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const visitor = context.get(visitorContext);
  if (!isLocale(lang)) return redirect(safeReturnTo(form.get("returnTo")));
  if (visitor.member) await context.get(servicesContext).members.setLocale(visitor.member.id, lang);
  const cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${visitor.https ? "; Secure" : ""}`;
  return redirect(safeReturnTo(form.get("returnTo")), { headers: { "Set-Cookie": cookie } });
}
