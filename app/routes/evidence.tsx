// /settings/evidence: the member's sealed evidence log (issue 11). What it is for and how it is
// kept; then, by this session's state, a form to start it, a form to open it (and to start over
// when nothing opens it), or the timeline with links to add, print and download. Plain forms;
// works without JavaScript.
import { Link } from "react-router";
import type { Route } from "./+types/evidence";
import { CodesNotice } from "#app/components/evidence/codes-notice.tsx";
import { EvidenceIntro } from "#app/components/evidence/evidence-intro.tsx";
import { type GateState, StartLogForm, StartOverForm, UnlockLogForm } from "#app/components/evidence/log-gate.tsx";
import { EvidenceNotices } from "#app/components/evidence/notices.tsx";
import { Timeline, TimelineFilter } from "#app/components/evidence/timeline.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import evidenceStyles from "../styles/evidence.css?url";
import { loadLog, logAction } from "./evidence-log.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  return loadLog(context, request);
}

export async function action({ context, request }: Route.ActionArgs) {
  return logAction(context, request);
}

export const headers = forwardHeaders;

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export default function EvidenceLog({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const gate = (actionData ?? null) as GateState;
  const { state, filter, entries } = loaderData;
  return (
    <section className="panel evidence">
      <PageTitle>{`${t("evidence.ui.title")} · ${t("site.name")}`}</PageTitle>
      <p className="breadcrumb">
        <Link to="/settings">{t("evidence.ui.backToSettings")}</Link>
      </p>
      <h1>{t("evidence.ui.title")}</h1>
      <EvidenceNotices notices={loaderData.notices} />
      <EvidenceIntro />
      <CodesNotice count={loaderData.codesWithoutWrap} />
      {state === "none" ? <StartLogForm state={gate} /> : null}
      {state === "locked" ? (
        <>
          <UnlockLogForm state={gate} count={loaderData.count} />
          <StartOverForm state={gate} />
        </>
      ) : null}
      {state === "open" ? (
        <>
          <ul className="evidence-actions">
            <li>
              <Link to="/settings/evidence/new" className="button">
                {t("evidence.ui.addLink")}
              </Link>
            </li>
            <li>
              <Link to="/settings/evidence/print">{t("evidence.ui.printLink")}</Link>
            </li>
            <li>
              <a href="/settings/evidence/export.json" download>
                {t("evidence.ui.downloadJson")}
              </a>
            </li>
            <li>
              <a href="/settings/evidence/export.csv" download>
                {t("evidence.ui.downloadCsv")}
              </a>
            </li>
          </ul>
          <h2>{t("evidence.ui.timeline")}</h2>
          <TimelineFilter filter={filter} />
          <p>{t("evidence.ui.entryCount", { count: entries.length })}</p>
          <Timeline entries={entries} filtered={filter.platform !== null || filter.status !== null} />
        </>
      ) : null}
    </section>
  );
}
