// Before the timeline: starting a log (a member who has none yet), opening one that is locked
// in this session, and starting over when nothing the member still has can open it. Each asks
// for the passphrase; starting over, which deletes entries for good, also asks for a tick.
import { Form } from "react-router";
import { ErrorSummary, Field, type FormState } from "#app/components/form-parts.tsx";
import { useT } from "#app/i18n/use-t.ts";

export type GateState = (FormState & { intent: string }) | null;

const stateOf = (state: GateState, intent: string) => (state && state.intent === intent ? state : null);

export function StartLogForm({ state }: { state: GateState }) {
  const t = useT();
  const mine = stateOf(state, "start");
  return (
    <>
      <h2>{t("evidence.ui.startHeading")}</h2>
      <p>{t("evidence.ui.startIntro")}</p>
      <ErrorSummary state={mine} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="start" />
        <Field name="current" type="password" label="field.current" autoComplete="current-password" state={mine} />
        <button type="submit">{t("evidence.ui.startSubmit")}</button>
      </Form>
    </>
  );
}

export function UnlockLogForm({ state, count }: { state: GateState; count: number }) {
  const t = useT();
  const mine = stateOf(state, "unlock");
  return (
    <>
      <h2>{t("evidence.ui.lockedHeading")}</h2>
      <p>
        {t("evidence.ui.lockedIntro")} {t("evidence.ui.entryCount", { count })}
      </p>
      <ErrorSummary state={mine} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="unlock" />
        <Field
          name="current"
          type="password"
          label="evidence.ui.field.passphrase"
          hint="evidence.ui.hint.unlock"
          autoComplete="current-password"
          state={mine}
        />
        <button type="submit">{t("evidence.ui.unlockSubmit")}</button>
      </Form>
    </>
  );
}

export function StartOverForm({ state }: { state: GateState }) {
  const t = useT();
  const mine = stateOf(state, "start-over");
  const confirmError = mine?.fieldErrors.confirm;
  return (
    <>
      <h2>{t("evidence.ui.startOverHeading")}</h2>
      <p className="warning">{t("evidence.ui.startOverWarning")}</p>
      <ErrorSummary state={mine} idFor={(name) => `start-over-${name}`} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="start-over" />
        <div className={confirmError ? "checkbox field-error" : "checkbox"}>
          <input type="checkbox" id="start-over-confirm" name="confirm" value="yes" aria-describedby={confirmError ? "start-over-confirm-error" : undefined} />
          <div>
            <label htmlFor="start-over-confirm">{t("evidence.ui.startOverConfirm")}</label>
            {confirmError ? (
              <p className="error" id="start-over-confirm-error">
                {t(confirmError)}
              </p>
            ) : null}
          </div>
        </div>
        <Field name="current" id="start-over-current" type="password" label="field.current" autoComplete="current-password" state={mine} />
        <button type="submit">{t("evidence.ui.startOverSubmit")}</button>
      </Form>
    </>
  );
}
