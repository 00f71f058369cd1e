// /settings/evidence/:entryId: one entry of the member's own log (anyone else's is the 404
// page). What it records, its takedown request in English and Chinese to copy, the form to
// change it, and deleting it. An entry that did not open shows only that, and can be deleted.
import { Link } from "react-router";
import type { Route } from "./+types/evidence-entry";
import { DeleteEntryForm } from "#app/components/evidence/delete-entry-form.tsx";
import { EntryDetails } from "#app/components/evidence/entry-details.tsx";
import { EntryForm } from "#app/components/evidence/entry-form.tsx";
import { isBrokenEntry, platformLabel, seenLabel } from "#app/components/evidence/entry-text.ts";
import { EvidenceNotices } from "#app/components/evidence/notices.tsx";
import { TakedownTexts } from "#app/components/evidence/takedown-texts.tsx";
import type { FormState } from "#app/components/form-parts.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import evidenceStyles from "../styles/evidence.css?url";
import { entryAction, loadEntry } from "./evidence-entry.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return loadEntry(context, request, params.entryId);
}

export async function action({ context, params, request }: Route.ActionArgs) {
  return entryAction(context, request, params.entryId);
}

export const headers = forwardHeaders;

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export default function EvidenceEntryPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { entry } = loaderData;
  const failed = (actionData ?? null) as (FormState & { intent: "save" | "delete" }) | null;
  const title = isBrokenEntry(entry) ? t("evidence.ui.brokenTitle") : `${platformLabel(entry, t)} · ${seenLabel(entry, t)}`;
  return (
    <section className="panel evidence">
      {/* Nothing the member wrote in the tab's title: it stays in the browser's history. */}
      <PageTitle>{`${t("evidence.ui.title")} · ${t("site.name")}`}</PageTitle>
      <p className="breadcrumb">
        <Link to="/settings/evidence">{t("evidence.ui.backToLog")}</Link>
      </p>
      <h1>{title}</h1>
      <EvidenceNotices notices={loaderData.notices} />
      {isBrokenEntry(entry) ? (
        <p className="warning">{t("evidence.broken")}</p>
      ) : (
        <>
          <EntryDetails entry={entry} times />
          {loaderData.takedown ? <TakedownTexts texts={loaderData.takedown} /> : null}
          <h2>{t("evidence.ui.editHeading")}</h2>
          <EntryForm
            key={entry.updatedAt}
            values={loaderData.values}
            zones={loaderData.zones}
            state={failed?.intent === "save" ? failed : null}
            submit="evidence.ui.saveSubmit"
            followBrowserZone={false}
          />
        </>
      )}
      <DeleteEntryForm state={failed?.intent === "delete" ? failed : null} />
    </section>
  );
}
