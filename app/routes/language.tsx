import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/language";
import { servicesContext, visitorContext } from "#app/context.ts";
import { PageTitle } from "#app/components/page-title.tsx";
import { RecoveryCodes } from "#app/components/recovery-codes.tsx";
import { LanguageButtons } from "#app/components/site-header.tsx";
import { isLocale } from "#app/i18n/catalog.ts";
import { LANG_COOKIE } from "#app/i18n/negotiate.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { CODE_FIELD, CODES_NEXT_FIELD, codesNext } from "#app/lib/language-form.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { returnTo } from "#app/lib/return-to.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const back = returnTo(form.get("returnTo"));
  const lang = form.get("lang");
  const visitor = context.get(visitorContext);
  if (!isLocale(lang)) return redirect(back);
  const services = context.get(servicesContext);
  if (visitor.member) await services.members.setLocale(visitor.member.id, lang);
  const headers = { "Set-Cookie": `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${visitor.https ? "; Secure" : ""}` };

  // Switched on a page showing recovery codes: the same codes again, now in `lang`, if they are
  // really this member's ten unused ones. Anything else goes back like any other switch.
  const sent = form.getAll(CODE_FIELD).filter((c): c is string => typeof c === "string");
  const next = codesNext(form.get(CODES_NEXT_FIELD));
  const memberId = visitor.member?.id ?? visitor.waiting?.id;
  const codes = sent.length > 0 && next && memberId ? await services.auth.currentCodes(memberId, sent) : null;
  if (codes && next) {
    visitor.locale = lang; // this very response is rendered in the new language
    return data({ ok: true as const, codes, next }, { headers });
  }
  return redirect(back, { headers });
}

export const headers = forwardHeaders;

// No loader: one would run again right after a switch on a codes page and must not send the
// member away from codes that exist nowhere else. Visited directly, the page offers the choice.
// A page route, so a refused returnTo gets the root error boundary's translated page rather than
// a bare JSON body.
export default function Language({ actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  if (!actionData?.ok)
    return (
      <section className="panel">
        <PageTitle>{`${t("lang.label")} · ${t("site.name")}`}</PageTitle>
        <h1>{t("lang.label")}</h1>
        <Form method="post" className="actions">
          <input type="hidden" name="returnTo" value="/" />
          <LanguageButtons current={locale} className="secondary" />
        </Form>
      </section>
    );
  return (
    <section className="panel">
      <PageTitle>{`${t("codes.title")} · ${t("site.name")}`}</PageTitle>
      <RecoveryCodes codes={actionData.codes} next={actionData.next} continueLink />
    </section>
  );
}
