import { Link } from "react-router";
import type { Route } from "./+types/forum";
import { servicesContext, visitorContext } from "#app/context.ts";
import { Pager } from "#app/components/pager.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { stamp } from "#app/lib/time.ts";
import { orNotFound, pageParam } from "#app/lib/not-found.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  const page = pageParam(request);
  const result = await orNotFound(() => context.get(servicesContext).forums.forumPage(visitor.member, params.forumSlug, page));
  return {
    forum: { slug: result.forum.slug, names: result.forum.names, descriptions: result.forum.descriptions },
    threads: result.threads.map((th) => ({ ...th, lastActivity: stamp(th.lastActivityAt, visitor.locale) })),
    page: result.page,
    pages: result.pages,
    signedIn: Boolean(visitor.member),
  };
}

export default function Forum({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { forum } = loaderData;
  const name = forum.names[locale] ?? forum.names.en ?? forum.slug;
  return (
    <section className="panel">
      <PageTitle>{`${name} · ${t("site.name")}`}</PageTitle>
      <h1>{name}</h1>
      <p>{forum.descriptions[locale] ?? forum.descriptions.en}</p>
      {loaderData.signedIn ? (
        <p>
          <Link to={`/f/${forum.slug}/new`} className="button">
            {t("forum.newThread")}
          </Link>
        </p>
      ) : null}
      {loaderData.threads.length === 0 ? <p>{t("forum.empty")}</p> : null}
      <ul className="thread-list">
        {loaderData.threads.map((th) => (
          <li key={th.id} className={th.unread ? "unread" : undefined}>
            {th.pinned ? <span className="tag">{t("forum.pinned")}</span> : null}
            {th.pending ? <span className="tag">{t("thread.pending")}</span> : null}
            {th.unread ? <span className="tag tag-new">{t("forum.unread")}</span> : null}
            <Link to={`/t/${th.id}`}>{th.title}</Link>
            {th.contentWarning ? <span className="cw-tag">{t("cw.label", { label: th.contentWarning })}</span> : null}
            <p className="meta">
              {t("forum.by", { name: th.author ?? t("thread.formerMember") })} · {t("forum.replies", { count: th.postCount })} ·{" "}
              <TimeStamp at={th.lastActivity} />
            </p>
          </li>
        ))}
      </ul>
      <Pager page={loaderData.page} pages={loaderData.pages} base={`/f/${forum.slug}`} />
    </section>
  );
}
