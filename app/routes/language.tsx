import { redirect } from "react-router";
import { httpError } from "#app/lib/http-error.server.ts";
import type { Route } from "./+types/language";
import { servicesContext, visitorContext } from "#app/context.ts";
import { isLocale } from "#app/i18n/catalog.ts";
import { LANG_COOKIE } from "#app/i18n/negotiate.ts";
import { readForm } from "#app/lib/read-form.server.ts";

export async function loader() {
  return redirect("/");
}

// Only a path on this site: "/x", never "//host" or "/\host", and nothing with whitespace or a
// control character anywhere: browsers drop tabs and newlines from a URL, so "/\t/evil.example"
// would be read as "//evil.example", and CR/LF cannot go into a Location header at all.
const SAME_ORIGIN_PATH = /^\/(?![/\\])[^\s\u0000-\u001f\u007f-\u009f]*$/;

/** Where to go back to; absent means the home page, anything else not ours is a 400. */
function returnTo(value: FormDataEntryValue | null) {
  if (value === null || value === "") return "/";
  if (typeof value !== "string" || !SAME_ORIGIN_PATH.test(value)) throw httpError(400);
  return value;
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
