// Deleting an entry: a plain POST that asks for a tick first, since nothing brings it back.
import { Form } from "react-router";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import { useT } from "#app/i18n/use-t.ts";

export function DeleteEntryForm({ state }: { state: FormState | null }) {
  const t = useT();
  const error = state?.fieldErrors.confirm;
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t("evidence.ui.deleteHeading")}</h2>
      <ErrorSummary state={state} idFor={() => "delete-confirm"} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="delete" />
        <div className={error ? "checkbox field-error" : "checkbox"}>
          <input type="checkbox" id="delete-confirm" name="confirm" value="yes" aria-describedby={error ? "delete-confirm-error" : undefined} />
          <div>
            <label htmlFor="delete-confirm">{t("evidence.ui.deleteConfirm")}</label>
            {error ? (
              <p className="error" id="delete-confirm-error">
                {t(error)}
              </p>
            ) : null}
          </div>
        </div>
        <button type="submit" className="secondary">
          {t("evidence.ui.deleteSubmit")}
        </button>
      </Form>
    </section>
  );
}
