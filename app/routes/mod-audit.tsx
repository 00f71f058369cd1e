// /mod/audit: the audit log, newest first, filtered by action (a GET form), 25 a page. What a
// moderator sees is limited in the service to their forums' rows.
import { Form } from "react-router";
import type { Route } from "./+types/mod-audit";
import { servicesContext } from "#app/context.ts";
import { Pager } from "#app/components/pager.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import { isMessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { orNotFound, pageParam } from "#app/lib/not-found.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { stamp } from "#app/lib/time.ts";
import { AUDIT_ACTIONS } from "#server/moderation/audit-page.ts";
import { ModNav } from "./mod-nav.tsx";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const action = new URL(request.url).searchParams.get("action") || null;
  const page = await orNotFound(() => context.get(servicesContext).moderation.audit(visitor.member, { action, page: pageParam(request) }));
  return {
    action: page.action ?? "",
    actions: AUDIT_ACTIONS,
    page: page.page,
    pages: page.pages,
    capped: page.capped,
    rows: page.rows.map((r) => ({
      id: r.id,
      at: stamp(r.at, visitor.locale),
      actorKind: r.actorKind,
      actor: r.actor,
      action: r.action,
      targetKind: r.targetKind,
      targetId: r.targetId,
      member: r.member,
      thread: r.thread,
      reason: r.reason,
    })),
  };
}

export const headers = forwardHeaders;

type Row = Route.ComponentProps["loaderData"]["rows"][number];

export default function ModAudit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  const base = loaderData.action ? `/mod/audit?action=${encodeURIComponent(loaderData.action)}` : "/mod/audit";
  return (
    <section className="panel">
      <PageTitle>{`${t("audit.title")} · ${t("site.name")}`}</PageTitle>
      <ModNav />
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <Form method="get">
        <label htmlFor="audit-action">{t("audit.filterAction")}</label>{" "}
        <select id="audit-action" name="action" defaultValue={loaderData.action}>
          <option value="">{t("queue.all")}</option>
          {loaderData.actions.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("queue.apply")}</button>
      </Form>
      {loaderData.rows.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <table className="audit">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.target")}</th>
              <th scope="col">{t("audit.reasonCol")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <TimeStamp at={row.at} />
                </td>
                <td>
                  {row.actorKind === "operator" ? t("audit.operator") : row.actorKind === "system" ? t("audit.system") : (row.actor ?? t("audit.formerMember"))}
                </td>
                <td>{actionLabel(row.action)}</td>
                <td>
                  <Target row={row} />
                </td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={loaderData.page} pages={loaderData.pages} base={base} />
      {loaderData.capped ? <p className="meta">{t("audit.capped")}</p> : null}
    </section>
  );
}

function Target({ row }: { row: Row }) {
  const t = useT();
  if (row.targetKind === "post" && row.targetId) return <a href={`/mod/posts/${row.targetId}`}>{t("audit.targetPost")}</a>;
  if (row.targetKind === "thread" && row.targetId) return <a href={`/mod/threads/${row.targetId}`}>{t("audit.targetThread", { title: row.thread ?? "…" })}</a>;
  if (row.targetKind === "member") return <span>{t("audit.targetMember", { name: row.member ?? t("audit.formerMember") })}</span>;
  if (row.targetKind === "setting") return <span>{t("audit.targetSetting")}</span>;
  if (row.targetKind === "message") return <span>{t("audit.targetMessage")}</span>;
  if (row.targetKind === "room") return <span>{t("audit.targetRoom")}</span>;
  return row.targetKind ? <span>{t("audit.targetOther", { kind: row.targetKind })}</span> : null;
}
