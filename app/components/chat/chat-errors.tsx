// The error summary of a refused chat form, as every Hearth form shows one (announced, each
// field's message linking to the field); see ErrorSummary in app/components/form-parts.tsx.
import { useT } from "#app/i18n/use-t.ts";
import type { ChatFormState } from "./chat-form-state.ts";

export function ChatErrors({ state, fieldId }: { state: ChatFormState | null; fieldId?: (name: string) => string }) {
  const t = useT();
  if (!state) return null;
  const fields = Object.entries(state.fieldErrors).filter((e): e is [string, NonNullable<(typeof e)[1]>] => Boolean(e[1]));
  if (!state.formError && fields.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("form.errorSummary")}</h2>
      <ul>
        {state.formError ? <li>{t(state.formError, state.formErrorParams)}</li> : null}
        {fields.map(([name, key]) =>
          fieldId ? (
            <li key={name}>
              <a href={`#${fieldId(name)}`} onClick={(event) => focusField(event, fieldId(name))}>
                {t(key, state.formErrorParams)}
              </a>
            </li>
          ) : (
            <li key={name}>{t(key, state.formErrorParams)}</li>
          ),
        )}
      </ul>
    </div>
  );
}

// With JavaScript on, following "#id" would be a navigation that drops the action's answer (as in
// form-parts.tsx): focus the field directly instead.
function focusField(event: React.MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.focus();
}
