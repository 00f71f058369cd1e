import { Link } from "react-router";
import type { Route } from "./+types/forums";
import { servicesContext, visitorContext } from "#app/context.ts";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { stamp } from "#app/lib/time.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  const forums = await context.get(servicesContext).forums.list(visitor.member);
  return { forums: forums.map((f) => ({ ...f, lastActivity: stamp(f.lastActivityAt, visitor.locale) })) };
}

export default function Forums({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel">
      <PageTitle>{`${t("forums.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("forums.title")}</h1>
      <p>{t("forums.intro")}</p>
      <ul className="forum-list">
        {loaderData.forums.map((forum) => (
          <li key={forum.slug}>
            <h2>
              <Link to={`/f/${forum.slug}`}>{forum.names[locale] ?? forum.names.en}</Link>
            </h2>
            <p>{forum.descriptions[locale] ?? forum.descriptions.en}</p>
            <p className="meta">
              {t("forums.threads", { count: forum.threadCount })} · {t("forums.posts", { count: forum.postCount })} ·{" "}
              {forum.lastActivity ? (
                <>
                  {t("forums.lastActivity", { time: "" })}
                  <TimeStamp at={forum.lastActivity} />
                </>
              ) : (
                t("forums.noActivity")
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
