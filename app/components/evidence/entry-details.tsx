// One entry's contents as a list of terms (the timeline, the entry's page and the printed log):
// what was recorded, in the member's words; what was not, said so. All of it is text.
import type { EvidenceEntry } from "#app/contracts/evidence.ts";
import { platformLabel, seenLabel, utcLabel } from "#app/components/evidence/entry-text.ts";
import { PlainLinks } from "#app/components/evidence/plain-links.tsx";
import { useT } from "#app/i18n/use-t.ts";

export function EntryDetails({ entry, copy = true, times = false }: { entry: EvidenceEntry; copy?: boolean; times?: boolean }) {
  const t = useT();
  const none = <span className="hint">{t("evidence.ui.notRecorded")}</span>;
  const text = (value: string) => (value ? <span className="evidence-text">{value}</span> : none);
  return (
    <dl className="evidence-details">
      <dt>{t("evidence.ui.field.platform")}</dt>
      <dd>{platformLabel(entry, t)}</dd>
      <dt>{t("evidence.ui.field.place")}</dt>
      <dd>{text(entry.place)}</dd>
      <dt>{t("evidence.ui.field.seenAt")}</dt>
      <dd>{seenLabel(entry, t)}</dd>
      <dt>{t("evidence.ui.field.links")}</dt>
      <dd>{entry.links.length ? <PlainLinks links={entry.links} copy={copy} /> : none}</dd>
      <dt>{t("evidence.ui.field.description")}</dt>
      <dd>{text(entry.description)}</dd>
      <dt>{t("evidence.ui.field.postedBy")}</dt>
      <dd>{text(entry.postedBy)}</dd>
      <dt>{t("evidence.ui.reportsLegend")}</dt>
      <dd>
        {entry.reports.length ? (
          <ul className="evidence-reports-list">
            {entry.reports.map((r, i) => (
              <li key={i}>
                {[t(`evidence.reportedTo.${r.to}`), r.name, r.caseNumber ? t("evidence.ui.caseNumber", { number: r.caseNumber }) : "", r.on]
                  .filter(Boolean)
                  .join(" · ")}
              </li>
            ))}
          </ul>
        ) : (
          t("evidence.ui.notReported")
        )}
      </dd>
      <dt>{t("evidence.ui.field.status")}</dt>
      <dd>{t(`evidence.status.${entry.status}`)}</dd>
      <dt>{t("evidence.ui.field.followUp")}</dt>
      <dd>{entry.followUp || none}</dd>
      {times ? (
        <>
          <dt>{t("evidence.ui.written")}</dt>
          <dd>{utcLabel(entry.createdAt)}</dd>
          <dt>{t("evidence.ui.changed")}</dt>
          <dd>{utcLabel(entry.updatedAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}
