import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/recover";
import { servicesContext, visitorContext } from "#app/context.ts";
import { ErrorSummary, Field } from "#app/components/form-parts.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { markSignedIn, redirectIfSignedIn, sessionCookie } from "#app/lib/auth.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { keepAfterSuccess } from "#app/lib/keep-after-success.ts";
import { formFailure, keepValues } from "#app/lib/form-result.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  redirectIfSignedIn(context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const visitor = context.get(visitorContext);
  const form = await readForm(request);
  try {
    const done = await context.get(servicesContext).auth.recover(form, await visitor.clientKey());
    markSignedIn(context, done.member, done.sessionId);
    return data({ ok: true as const, codesLeft: done.codesLeft }, { headers: { "Set-Cookie": sessionCookie(done.token, visitor.https) } });
  } catch (err) {
    return formFailure(err, keepValues(form, ["pseudonym"]));
  }
}

export const headers = forwardHeaders;
export const shouldRevalidate = keepAfterSuccess;

export default function Recover({ actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  if (actionData?.ok) {
    return (
      <section className="panel">
        <PageTitle>{`${t("recover.title")} · ${t("site.name")}`}</PageTitle>
        <h1>{t("recover.title")}</h1>
        <p role="status">{t("recover.codesLeft", { count: actionData.codesLeft })}</p>
        <p>
          <Link to="/settings">{t("nav.settings")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel">
      <PageTitle>{`${t("recover.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("recover.title")}</h1>
      <p>{t("recover.intro")}</p>
      <p className="warning">{t("recover.noEmail")}</p>
      <ErrorSummary state={actionData} />
      <Form method="post" noValidate>
        <Field name="pseudonym" label="field.pseudonym" autoComplete="username" state={actionData} />
        <Field name="code" label="recover.code" autoComplete="one-time-code" state={actionData} />
        <Field name="password" type="password" label="field.newPassword" autoComplete="new-password" hint="join.passphraseHint" state={actionData} />
        <Field name="confirmPassword" type="password" label="field.confirmPassword" autoComplete="new-password" state={actionData} />
        <button type="submit" disabled={busy}>
          {t("recover.submit")}
        </button>
      </Form>
    </section>
  );
}
