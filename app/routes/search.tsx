import { Form, Link } from "react-router";
import type { Route } from "./+types/search";
import { servicesContext, visitorContext } from "#app/context.ts";
import { ContentWarning } from "#app/components/content-warning.tsx";
import { MarkedText } from "#app/components/marked-text.tsx";
import { Pager } from "#app/components/pager.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { stamp } from "#app/lib/time.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? 1);
  const services = context.get(servicesContext);
  const found = await services.forums.search(visitor.member, url.searchParams.get("q") ?? "", Number.isInteger(page) && page > 0 ? page : 1);
  return {
    query: found.query,
    terms: found.terms,
    notice: found.notice,
    total: found.total,
    page: found.page,
    pages: found.pages,
    results: found.results.map(({ createdAt, ...result }) => ({ ...result, created: stamp(createdAt, visitor.locale) })),
    openWarnings: visitor.member ? await services.members.openContentWarnings(visitor.member.id) : false,
  };
}

export default function Search({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { query, terms } = loaderData;
  return (
    <section className="panel">
      <PageTitle>{`${query ? t("search.pageTitle", { query }) : t("search.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("search.title")}</h1>
      <Form method="get" action="/search" role="search" className="field">
        <label htmlFor="search-q">{t("search.label")}</label>
        <p className="hint" id="search-q-hint">
          {t("search.hint")}
        </p>
        <input id="search-q" name="q" type="search" defaultValue={query} key={query} maxLength={200} aria-describedby="search-q-hint" spellCheck={false} />
        <p>
          <button type="submit">{t("search.submit")}</button>
        </p>
      </Form>
      {loaderData.notice ? <p role="status">{t(loaderData.notice, { query })}</p> : null}
      {loaderData.total > 0 ? <p role="status">{t("search.count", { count: loaderData.total, query })}</p> : null}
      <ol className="thread-list">
        {loaderData.results.map((result) => {
          const snippet = (
            <ContentWarning label={result.contentWarning} open={loaderData.openWarnings}>
              <p>
                <MarkedText text={result.snippet} terms={terms} />
              </p>
            </ContentWarning>
          );
          return (
            <li key={result.postId}>
              {result.titleHit ? <span className="tag">{t("search.inTitle")}</span> : null}
              <Link to={`/t/${result.threadId}${result.threadPage > 1 ? `?page=${result.threadPage}` : ""}#post-${result.postId}`}>
                <MarkedText text={result.title} terms={terms} />
              </Link>
              <p className="meta">
                {t("forum.by", { name: result.author ?? t("thread.formerMember") })} · <TimeStamp at={result.created} />
              </p>
              {result.blocked ? (
                <details className="blocked">
                  <summary>{t("thread.blockedCollapsed")}</summary>
                  {snippet}
                </details>
              ) : (
                snippet
              )}
            </li>
          );
        })}
      </ol>
      <Pager page={loaderData.page} pages={loaderData.pages} base={`/search?q=${encodeURIComponent(query)}`} />
    </section>
  );
}
