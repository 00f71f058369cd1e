import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/join";
import { servicesContext, visitorContext } from "#app/context.ts";
import { ErrorSummary, Field } from "#app/components/form-parts.tsx";
import { RecoveryCodes } from "#app/components/recovery-codes.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { markSignedIn, redirectIfSignedIn, sessionCookie } from "#app/lib/auth.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { keepAfterSuccess } from "#app/lib/keep-after-success.ts";
import { formFailure, keepValues } from "#app/lib/form-result.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  // Not on the response that just made the waiting account: it shows the recovery codes.
  if (visitor.waiting && !visitor.freshSession) throw redirect("/waiting");
  redirectIfSignedIn(context);
  const services = context.get(servicesContext);
  return { ideas: services.auth.pseudonymIdeas(), mode: await services.admission.registrationMode() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const visitor = context.get(visitorContext);
  if (visitor.waiting) throw redirect("/waiting");
  const form = await readForm(request);
  try {
    const joined = await context.get(servicesContext).auth.signUp(form, await visitor.clientKey());
    // A member who must wait for approval is shown as waiting on this very response (only
    // sign-out in the header), like a signed-in member is shown as signed in.
    if (joined.waiting)
      Object.assign(visitor, { waiting: { id: joined.member.id, pseudonym: joined.member.pseudonym }, sessionId: joined.sessionId, freshSession: true });
    else markSignedIn(context, joined.member, joined.sessionId);
    const headers = { "Set-Cookie": sessionCookie(joined.token, visitor.https) };
    return data({ ok: true as const, codes: joined.codes, waiting: joined.waiting }, { headers });
  } catch (err) {
    // Never the passphrases; the invitation code is kept so a typo can be corrected.
    return formFailure(err, keepValues(form, ["pseudonym", "invite"]));
  }
}

export const headers = forwardHeaders;
export const shouldRevalidate = keepAfterSuccess;

export default function Join({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  if (actionData?.ok) {
    return (
      <section className="panel">
        <PageTitle>{`${t("codes.title")} · ${t("site.name")}`}</PageTitle>
        <RecoveryCodes codes={actionData.codes} next={actionData.waiting ? "/waiting" : "/welcome"} continueLink />
      </section>
    );
  }
  return (
    <section className="panel">
      <PageTitle>{`${t("join.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("join.title")}</h1>
      <p>{t("join.intro")}</p>
      <p>
        <Link to="/privacy">{t("privacy.join.link")}</Link>
      </p>
      {loaderData.mode === "approval" ? <p className="notice">{t("admission.join.approvalNote")}</p> : null}
      <ErrorSummary state={actionData} />
      <Form method="post" noValidate>
        <Field name="pseudonym" label="field.pseudonym" autoComplete="username" hint="join.pseudonymHint" state={actionData} />
        <p className="ideas">
          {t("join.ideas")}{" "}
          {loaderData.ideas.map((idea, i) => (
            <span key={idea}>
              {i > 0 ? " · " : ""}
              <code>{idea}</code>
            </span>
          ))}
        </p>
        <Field name="password" type="password" label="field.password" autoComplete="new-password" hint="join.passphraseHint" state={actionData} />
        <Field name="confirmPassword" type="password" label="field.confirmPassword" autoComplete="new-password" state={actionData} />
        {loaderData.mode === "invite" ? (
          <Field name="invite" label="admission.join.invite" autoComplete="off" hint="admission.join.inviteHint" state={actionData} />
        ) : null}
        <button type="submit" disabled={busy}>
          {t("join.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("join.haveAccount")}</Link>
      </p>
    </section>
  );
}
