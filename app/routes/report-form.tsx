// The report form shared by /p/:postId/report, /t/:threadId/report and /members/:pseudonym/report:
// a reason (self-harm with a gentle pointer to /help), an optional note, a plain POST.
import { Form, Link } from "react-router";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import { REPORT_NOTE_MAX } from "#app/contracts/limits.ts";
import { REPORT_REASONS, type ReportTargetKind } from "#app/contracts/reports.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export interface ReportView {
  kind: ReportTargetKind;
  label: string;
  back: string;
  /** Why this member cannot report this (themselves, a suspension), if so. */
  refused: MessageKey | null;
}

const TITLE: Record<ReportTargetKind, MessageKey> = { post: "reports.titlePost", thread: "reports.titleThread", member: "reports.titleMember" };
const THANKS: Record<ReportTargetKind, MessageKey> = { post: "report.thanks", thread: "reports.thanksThread", member: "reports.thanksMember" };

export function ReportPage({ view, actionData }: { view: ReportView; actionData: FormState | { ok: true } | undefined }) {
  const t = useT();
  const title = t(TITLE[view.kind], { name: view.label });
  const back = view.kind === "member" ? t("reports.backToMember") : t("report.back");
  if (actionData?.ok) {
    return (
      <section className="panel">
        <PageTitle>{`${title} · ${t("site.name")}`}</PageTitle>
        <h1>{title}</h1>
        <p role="status">{t(THANKS[view.kind])}</p>
        <p>
          <Link to={view.back}>{back}</Link>
        </p>
      </section>
    );
  }
  const state = actionData;
  return (
    <section className="panel">
      <PageTitle>{`${title} · ${t("site.name")}`}</PageTitle>
      <h1>{title}</h1>
      {view.kind === "member" ? null : <p>{t("reports.about", { label: view.label })}</p>}
      {view.refused ? (
        <p role="alert" className="notice">
          {t(view.refused)}
        </p>
      ) : (
        <ReportForm state={state} />
      )}
      <p>
        <Link to={view.back}>{back}</Link>
      </p>
    </section>
  );
}

/** The form itself, also used for a chat message (app/routes/chat-report.tsx): the reasons
 *  (self-harm with a pointer to /help), an optional note, a plain POST. */
export function ReportForm({ state }: { state: FormState | undefined }) {
  const t = useT();
  return (
    <>
      <p>{t("report.intro")}</p>
      {/* A group of radio buttons is reached through its first button. */}
      <ErrorSummary state={state} idFor={(name) => (name === "reason" ? `reason-${REPORT_REASONS[0]}` : name)} />
      <Form method="post">
        <fieldset>
          <legend>{t("report.reason")}</legend>
          {REPORT_REASONS.map((reason) => (
            <div key={reason}>
              <p>
                <input type="radio" id={`reason-${reason}`} name="reason" value={reason} required defaultChecked={state?.values?.reason === reason} />{" "}
                <label htmlFor={`reason-${reason}`}>{t(`reports.reason.${reason}` as MessageKey)}</label>
              </p>
              {reason === "self-harm" ? (
                <p className="hint">
                  {t("reports.selfHarmNote")} <a href="/help">{t("reports.helpLink")}</a>
                </p>
              ) : null}
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="note">{t("report.note")}</label>
          <textarea id="note" name="note" rows={3} maxLength={REPORT_NOTE_MAX} defaultValue={state?.values?.note} />
        </div>
        <button type="submit">{t("report.submit")}</button>
      </Form>
    </>
  );
}
