// /settings/evidence/print: the whole log as one page to print or save as PDF, for the police, a
// lawyer or a helpline, in the member's language. Its print styles (styles/evidence.css) leave
// out the header and the quick exit on paper only, print black on white and keep each entry on
// one page where it fits; on screen the quick exit stays where it always is.
import { Link } from "react-router";
import type { Route } from "./+types/evidence-print";
import { EntryDetails } from "#app/components/evidence/entry-details.tsx";
import { isBrokenEntry, platformLabel, seenLabel } from "#app/components/evidence/entry-text.ts";
import { PrintButton } from "#app/components/evidence/print-button.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { exactTime } from "#app/lib/time.ts";
import evidenceStyles from "../styles/evidence.css?url";
import { evidenceVisitor, inOpenLog } from "./evidence-load.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const { visitor, who, evidence } = evidenceVisitor(context);
  const entries = await inOpenLog(() => evidence.list(who));
  return { entries, printed: exactTime(new Date(), visitor.locale) };
}

export const headers = forwardHeaders;

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export default function EvidencePrint({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { entries } = loaderData;
  return (
    <section className="panel evidence evidence-print">
      <PageTitle>{`${t("evidence.ui.printTitle")} · ${t("site.name")}`}</PageTitle>
      <p className="breadcrumb evidence-screen-only">
        <Link to="/settings/evidence">{t("evidence.ui.backToLog")}</Link>
      </p>
      <h1>{t("evidence.ui.printTitle")}</h1>
      <p>
        {t("evidence.ui.printedOn", { date: loaderData.printed })} {t("evidence.ui.entryCount", { count: entries.length })}
      </p>
      <PrintButton />
      {entries.length === 0 ? <p>{t("evidence.ui.empty")}</p> : null}
      {entries.map((entry, i) => (
        <article key={entry.id} className="evidence-entry" aria-labelledby={`print-${entry.id}`}>
          <h2 id={`print-${entry.id}`}>
            {t("evidence.ui.printEntry", { number: i + 1 })}
            {isBrokenEntry(entry) ? null : ` · ${platformLabel(entry, t)} · ${seenLabel(entry, t)}`}
          </h2>
          {isBrokenEntry(entry) ? <p>{t("evidence.broken")}</p> : <EntryDetails entry={entry} copy={false} times />}
        </article>
      ))}
    </section>
  );
}
