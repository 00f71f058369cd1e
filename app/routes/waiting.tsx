// The only page a member waiting for approval can see (registration mode `approval`): what happens
// next, signing out, and the help and safety pages that are open to everyone. A plain form:
// works without JavaScript.
import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/waiting";
import { visitorContext } from "#app/context.ts";
import { useT } from "#app/i18n/use-t.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  if (visitor.member) throw redirect("/");
  if (!visitor.waiting) throw redirect("/login");
  return { pseudonym: visitor.waiting.pseudonym };
}

export default function Waiting({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="panel">
      <PageTitle>{`${t("admission.waiting.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("admission.waiting.title")}</h1>
      <p>{t("admission.waiting.body", { name: loaderData.pseudonym })}</p>
      <p>{t("admission.waiting.later")}</p>
      <Form method="post" action="/logout">
        <button type="submit">{t("nav.signOut")}</button>
      </Form>
      <p>{t("admission.waiting.support")}</p>
      <ul>
        <li>
          <Link to="/help">{t("nav.help")}</Link>
        </li>
        <li>
          <Link to="/safety">{t("admission.waiting.safety")}</Link>
        </li>
      </ul>
    </section>
  );
}
