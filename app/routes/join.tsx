import { data, Form, Link, useNavigation } from "react-router";
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

export async function loader({ context }: Route.LoaderArgs) {
  redirectIfSignedIn(context);
  return { ideas: context.get(servicesContext).auth.pseudonymIdeas() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const visitor = context.get(visitorContext);
  const form = await readForm(request);
  try {
    const joined = await context.get(servicesContext).auth.signUp(form, await visitor.clientKey());
    markSignedIn(context, joined.member, joined.sessionId);
    return data({ ok: true as const, codes: joined.codes }, { headers: { "Set-Cookie": sessionCookie(joined.token, visitor.https) } });
  } catch (err) {
    return formFailure(err, keepValues(form, ["pseudonym"]));
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
        <title>{`${t("codes.title")} · ${t("site.name")}`}</title>
        <RecoveryCodes codes={actionData.codes} />
        <p>
          <Link to="/welcome" className="button">
            {t("codes.continue")}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel">
      <title>{`${t("join.title")} · ${t("site.name")}`}</title>
      <h1>{t("join.title")}</h1>
      <p>{t("join.intro")}</p>
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
