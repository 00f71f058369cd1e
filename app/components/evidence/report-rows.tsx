// Where an entry was reported: up to five rows (to whom, which one, the case number, the date).
// The rows already filled in are shown, and one empty row after them; saving brings the next.
import { EVIDENCE_LIMITS, EVIDENCE_REPORTED_TO } from "#app/contracts/evidence.ts";
import type { FormState } from "#app/components/form-parts.tsx";
import { Select, TextInput } from "#app/components/evidence/entry-fields.tsx";
import { useT } from "#app/i18n/use-t.ts";

const PARTS = ["To", "Name", "Case", "On"] as const;

/** How many rows to show: up to the last row with anything in it, and one more (at most five). */
export function shownReportRows(values: Record<string, string>) {
  let last = -1;
  for (let i = 0; i < EVIDENCE_LIMITS.reports; i++) if (PARTS.some((part) => (values[`report${i}${part}`] ?? "").trim() !== "")) last = i;
  return Math.min(EVIDENCE_LIMITS.reports, last + 2);
}

export function ReportRows({ values, state }: { values: Record<string, string>; state: FormState | null }) {
  const t = useT();
  const choices = [
    { value: "", label: t("evidence.ui.reportToNone") },
    ...EVIDENCE_REPORTED_TO.map((to) => ({ value: to, label: t(`evidence.reportedTo.${to}`) })),
  ];
  return (
    <fieldset className="evidence-reports">
      <legend>{t("evidence.ui.reportsLegend")}</legend>
      <p className="hint">{t("evidence.ui.hint.reports")}</p>
      {Array.from({ length: shownReportRows(values) }, (_, i) => (
        <fieldset key={i} className="evidence-report">
          <legend>{t("evidence.ui.reportNumber", { number: i + 1 })}</legend>
          <Select name={`report${i}To`} label="evidence.ui.field.reportTo" value={values[`report${i}To`]} choices={choices} state={state} />
          <TextInput
            name={`report${i}Name`}
            label="evidence.ui.field.reportName"
            hint="evidence.ui.hint.reportName"
            value={values[`report${i}Name`]}
            state={state}
          />
          <TextInput name={`report${i}Case`} label="evidence.ui.field.reportCase" value={values[`report${i}Case`]} state={state} />
          <TextInput name={`report${i}On`} type="date" label="evidence.ui.field.reportOn" value={values[`report${i}On`]} state={state} />
        </fieldset>
      ))}
    </fieldset>
  );
}
