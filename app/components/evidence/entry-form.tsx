// The form of an entry, to add one or change it: a plain POST that works without JavaScript.
// After a refusal it shows what the member sent, with the error summary and each field's message.
import { Form } from "react-router";
import { EVIDENCE_PLATFORMS, EVIDENCE_STATUSES } from "#app/contracts/evidence.ts";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import { Select, TextArea, TextInput } from "#app/components/evidence/entry-fields.tsx";
import { ReportRows } from "#app/components/evidence/report-rows.tsx";
import { TimeZoneField } from "#app/components/evidence/time-zone-field.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";

export interface EntryFormProps {
  /** The entry's values (or a new one's defaults); a refusal's own values win over them. */
  values: Record<string, string>;
  zones: string[];
  state: FormState | null;
  submit: MessageKey;
  /** A new entry: with JavaScript, the browser's time zone. */
  followBrowserZone: boolean;
}

export function EntryForm({ values: saved, zones, state, submit, followBrowserZone }: EntryFormProps) {
  const t = useT();
  const values = state ? state.values : saved;
  const platforms = [
    { value: "", label: t("evidence.ui.choosePlatform") },
    ...EVIDENCE_PLATFORMS.map((p) => ({ value: p, label: t(`evidence.platform.${p}`) })),
  ];
  const statuses = EVIDENCE_STATUSES.map((s) => ({ value: s, label: t(`evidence.status.${s}`) }));
  return (
    <>
      <ErrorSummary state={state} />
      <Form method="post" noValidate className="evidence-form">
        <input type="hidden" name="intent" value="save" />
        <Select name="platform" label="evidence.ui.field.platform" value={values.platform} choices={platforms} state={state} />
        <TextInput
          name="platformDetail"
          label="evidence.ui.field.platformDetail"
          hint="evidence.ui.hint.platformDetail"
          value={values.platformDetail}
          state={state}
        />
        <TextInput name="place" label="evidence.ui.field.place" hint="evidence.ui.hint.place" value={values.place} state={state} />
        <TextArea name="links" rows={4} label="evidence.ui.field.links" hint="evidence.ui.hint.links" value={values.links} state={state} />
        <TextInput name="seenAt" type="datetime-local" label="evidence.ui.field.seenAt" hint="evidence.ui.hint.seenAt" value={values.seenAt} state={state} />
        <TimeZoneField zones={zones} value={values.timeZone ?? "UTC"} state={state} followBrowser={followBrowserZone && !state} />
        <TextArea
          name="description"
          rows={5}
          label="evidence.ui.field.description"
          hint="evidence.ui.hint.description"
          value={values.description}
          state={state}
        />
        <TextInput name="postedBy" label="evidence.ui.field.postedBy" hint="evidence.ui.hint.postedBy" value={values.postedBy} state={state} />
        <ReportRows values={values} state={state} />
        <Select name="status" label="evidence.ui.field.status" value={values.status ?? "not_reported"} choices={statuses} state={state} />
        <TextInput name="followUp" type="date" label="evidence.ui.field.followUp" hint="evidence.ui.hint.followUp" value={values.followUp} state={state} />
        <button type="submit">{t(submit)}</button>
      </Form>
    </>
  );
}
