// /settings/evidence/new: a new entry in the member's log. Saved, it is in the timeline (with a
// notice when an image was taken out); refused, the form comes back with everything typed.
import { Link } from "react-router";
import type { Route } from "./+types/evidence-new";
import { EntryForm } from "#app/components/evidence/entry-form.tsx";
import type { FormState } from "#app/components/form-parts.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import evidenceStyles from "../styles/evidence.css?url";
import { addEntry, loadNewEntry } from "./evidence-entry.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  return loadNewEntry(context);
}

export async function action({ context, request }: Route.ActionArgs) {
  return addEntry(context, request);
}

export const headers = forwardHeaders;

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export default function NewEvidenceEntry({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="panel evidence">
      <PageTitle>{`${t("evidence.ui.newTitle")} · ${t("evidence.ui.title")} · ${t("site.name")}`}</PageTitle>
      <p className="breadcrumb">
        <Link to="/settings/evidence">{t("evidence.ui.backToLog")}</Link>
      </p>
      <h1>{t("evidence.ui.newTitle")}</h1>
      <p>{t("evidence.ui.newIntro")}</p>
      <EntryForm
        values={loaderData.values}
        zones={loaderData.zones}
        state={(actionData as FormState | undefined) ?? null}
        submit="evidence.ui.addSubmit"
        followBrowserZone
      />
    </section>
  );
}
