import { Link } from "react-router";
import type { Route } from "./+types/home";
import { servicesContext, visitorContext } from "#app/context.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  // After erasing an account (app/routes/settings-privacy.tsx): a plain notice, nothing more.
  const erased = !visitor.member && new URL(request.url).searchParams.has("erased");
  if (!visitor.member) return { member: null, forums: [], erased };
  const forums = await context.get(servicesContext).forums.list(visitor.member);
  return { member: { pseudonym: visitor.member.pseudonym }, forums, erased: false };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel">
      <PageTitle>{t("site.name")}</PageTitle>
      {loaderData.erased ? (
        <p className="notice" role="status">
          {t("privacy.erase.done")}
        </p>
      ) : null}
      <h1>{loaderData.member ? t("home.welcomeBack", { name: loaderData.member.pseudonym }) : t("home.title")}</h1>
      <p>{t("home.intro")}</p>
      {loaderData.member ? (
        <>
          <h2>{t("home.forumsSoon")}</h2>
          <ul className="forum-list">
            {loaderData.forums.map((forum) => (
              <li key={forum.slug}>
                <strong>{forum.names[locale] ?? forum.names.en}</strong>
                <p>{forum.descriptions[locale] ?? forum.descriptions.en}</p>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h2>{t("home.promises")}</h2>
          <ul>
            <li>{t("home.promise.images")}</li>
            <li>{t("home.promise.pseudonym")}</li>
            <li>{t("home.promise.moderated")}</li>
            <li>{t("home.promise.private")}</li>
          </ul>
          <p className="actions">
            <Link to="/join" className="button">
              {t("home.cta.join")}
            </Link>
            <Link to="/login">{t("home.cta.signIn")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
