// "Get help now" (linked from every page): support and crisis services for the reader's language,
// and what to do if images are shared. Admin-editable settings, shown as text only.
import { Link } from "react-router";
import type { Route } from "./+types/help";
import { servicesContext, visitorContext } from "#app/context.ts";
import { isLocale, LOCALES } from "#app/i18n/catalog.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ request, context }: Route.LoaderArgs) {
  const asked = new URL(request.url).searchParams.get("list");
  const list = isLocale(asked) ? asked : context.get(visitorContext).locale;
  return { list, resources: await context.get(servicesContext).safety.helpResources(list) };
}

export default function Help({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { list, resources } = loaderData;
  const others = LOCALES.filter((l) => l !== list);
  return (
    <section className="panel">
      <PageTitle>{`${t("help.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("help.title")}</h1>
      <p>{t("help.intro")}</p>

      <h2>{t(`help.list.${list}`)}</h2>
      <p>
        {t("help.otherList")}{" "}
        {others.map((other) => (
          <Link key={other} to={`/help?list=${other}`}>
            {t(`help.list.${other}`)}
          </Link>
        ))}
      </p>
      <ul className="services">
        {resources.services.map((service) => (
          <li key={service.name} lang={list}>
            <h3>{service.name}</h3>
            <p>{service.offers}</p>
            <dl>
              <dt lang={locale}>{t("help.region")}</dt>
              <dd>{service.region}</dd>
              <dt lang={locale}>{t("help.contact")}</dt>
              <dd>{service.contact}</dd>
              {service.url ? (
                <>
                  <dt lang={locale}>{t("help.website")}</dt>
                  <dd>
                    <a href={service.url} rel="noreferrer noopener">
                      {service.url}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      {resources.note ? <p lang={list}>{resources.note}</p> : null}
      <p className="hint">{t("help.checked")}</p>

      <h2>{t("help.steps")}</h2>
      <ol lang={list}>
        {resources.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {/* The steps say to keep a timeline: the member's own sealed log is the place for it. */}
      <p>
        <Link to="/settings/evidence">{t("evidence.ui.helpLink")}</Link>
      </p>
    </section>
  );
}
