// The timeline: the filter (a GET form, ?platform= and ?status=) and the entries, newest first,
// each with its heading linking to its page. An entry whose follow-up date has come is marked;
// one that did not open is shown only as such.
import { Form, Link } from "react-router";
import { EVIDENCE_PLATFORMS, EVIDENCE_STATUSES, type EvidencePlatform, type EvidenceStatus } from "#app/contracts/evidence.ts";
import { Select } from "#app/components/evidence/entry-fields.tsx";
import { EntryDetails } from "#app/components/evidence/entry-details.tsx";
import { isBrokenEntry, type ListedEntry, platformLabel, seenLabel } from "#app/components/evidence/entry-text.ts";
import { useT } from "#app/i18n/use-t.ts";

export interface TimelineFilterValue {
  platform: EvidencePlatform | null;
  status: EvidenceStatus | null;
}

export function TimelineFilter({ filter }: { filter: TimelineFilterValue }) {
  const t = useT();
  const filtered = filter.platform !== null || filter.status !== null;
  return (
    <Form method="get" className="evidence-filter">
      <fieldset>
        <legend>{t("evidence.ui.filterLegend")}</legend>
        <Select
          name="platform"
          id="filter-platform"
          label="evidence.ui.field.platform"
          value={filter.platform ?? ""}
          choices={[{ value: "", label: t("evidence.ui.anyPlatform") }, ...EVIDENCE_PLATFORMS.map((p) => ({ value: p, label: t(`evidence.platform.${p}`) }))]}
        />
        <Select
          name="status"
          id="filter-status"
          label="evidence.ui.field.status"
          value={filter.status ?? ""}
          choices={[{ value: "", label: t("evidence.ui.anyStatus") }, ...EVIDENCE_STATUSES.map((s) => ({ value: s, label: t(`evidence.status.${s}`) }))]}
        />
        <div className="actions">
          <button type="submit" className="secondary">
            {t("evidence.ui.filterSubmit")}
          </button>
          {filtered ? <Link to="/settings/evidence">{t("evidence.ui.filterClear")}</Link> : null}
        </div>
      </fieldset>
    </Form>
  );
}

export function Timeline({ entries, filtered }: { entries: ListedEntry[]; filtered: boolean }) {
  const t = useT();
  if (entries.length === 0) return <p>{t(filtered ? "evidence.ui.noneMatch" : "evidence.ui.empty")}</p>;
  return (
    <ol className="evidence-timeline">
      {entries.map((entry) =>
        isBrokenEntry(entry) ? (
          <li key={entry.id} id={`entry-${entry.id}`} className="evidence-entry evidence-broken">
            <p>{t("evidence.broken")}</p>
            <p>
              <Link to={`/settings/evidence/${entry.id}`}>{t("evidence.ui.brokenLink")}</Link>
            </p>
          </li>
        ) : (
          <li key={entry.id} id={`entry-${entry.id}`} className={entry.due ? "evidence-entry evidence-due" : "evidence-entry"}>
            <h3>
              <Link to={`/settings/evidence/${entry.id}`}>{`${platformLabel(entry, t)} · ${seenLabel(entry, t)}`}</Link>
            </h3>
            {entry.due ? <p className="evidence-due-mark">{t("evidence.ui.due")}</p> : null}
            <EntryDetails entry={entry} />
          </li>
        ),
      )}
    </ol>
  );
}
