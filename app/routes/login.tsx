import { Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/login";
import { servicesContext, visitorContext } from "#app/context.ts";
import { ErrorSummary, Field } from "#app/components/form-parts.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { redirectIfSignedIn, sessionCookie } from "#app/lib/auth.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { formFailure, keepValues } from "#app/lib/form-result.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  redirectIfSignedIn(context);
  return { signedOut: new URL(request.url).searchParams.has("signed-out") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const visitor = context.get(visitorContext);
  const form = await readForm(request);
  try {
    const services = context.get(servicesContext);
    const { token } = await services.auth.signIn(form, await visitor.clientKey());
    // A new session id at every sign-in; any session this browser had is ended (ASVS 7.2.4).
    if (visitor.sessionId) await services.auth.signOut(visitor.sessionId);
    return redirect("/", { headers: { "Set-Cookie": sessionCookie(token, visitor.https) } });
  } catch (err) {
    return formFailure(err, keepValues(form, ["pseudonym"]));
  }
}

export const headers = forwardHeaders;

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="panel">
      <PageTitle>{`${t("login.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("login.title")}</h1>
      {loaderData.signedOut ? <p role="status">{t("logout.done")}</p> : null}
      <ErrorSummary state={actionData} />
      <Form method="post" noValidate>
        <Field name="pseudonym" label="field.pseudonym" autoComplete="username" state={actionData} />
        <Field name="password" type="password" label="field.password" autoComplete="current-password" state={actionData} />
        <button type="submit" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/recover">{t("login.forgot")}</Link>
      </p>
      <p>
        <Link to="/join">{t("login.noAccount")}</Link>
      </p>
    </section>
  );
}
