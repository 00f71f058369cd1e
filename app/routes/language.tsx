import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { servicesContext, visitorContext } from "#app/context.ts";
import { isLocale } from "#app/i18n/catalog.ts";
import { LANG_COOKIE } from "#app/i18n/negotiate.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { returnTo } from "#app/lib/return-to.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const back = returnTo(form.get("returnTo"));
  const lang = form.get("lang");
  const visitor = context.get(visitorContext);
  if (!isLocale(lang)) return redirect(back);
  if (visitor.member) await context.get(servicesContext).members.setLocale(visitor.member.id, lang);
  const cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${visitor.https ? "; Secure" : ""}`;
  return redirect(back, { headers: { "Set-Cookie": cookie } });
}

// Never shown (the loader and the action redirect), but it makes this a page route, so a refused
// returnTo gets the root error boundary's translated page rather than a bare JSON body.
export default function Language() {
  return null;
}
