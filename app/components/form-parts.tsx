// Accessible form pieces: labels, hints and errors tied to inputs, an error summary that is
// announced, all translated.
import type { ReactNode } from "react";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";

export interface FormState {
  ok: false;
  fieldErrors: Partial<Record<string, MessageKey>>;
  formError?: MessageKey;
  /** Words and numbers the messages fill in ("wait {seconds} s", "muted until {until}"). */
  formErrorParams?: Record<string, string | number>;
  values: Record<string, string>;
}

/**
 * The summary at the top of a failed form. Each field's message links to that field, so the link's
 * target must be the id the field really has: pass `idFor` where a form's ids are not its field
 * names (the composer's `thread-body`, the report's first reason, the second "current passphrase"
 * in settings), or null where the messages name no field on the page (a chat room's moderator
 * forms). With JavaScript off, the browser follows the link and focuses the field itself.
 */
export function ErrorSummary({
  state,
  idFor = (name) => name,
}: {
  state?: Pick<FormState, "ok" | "fieldErrors" | "formError" | "formErrorParams"> | { ok: true } | null;
  idFor?: ((field: string) => string) | null;
}) {
  const t = useT();
  if (!state || state.ok) return null;
  const fields = Object.entries(state.fieldErrors).filter((e): e is [string, MessageKey] => Boolean(e[1]));
  if (!state.formError && fields.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("form.errorSummary")}</h2>
      <ul>
        {state.formError ? <li>{t(state.formError, state.formErrorParams)}</li> : null}
        {fields.map(([name, key]) =>
          idFor ? (
            <li key={name}>
              <a href={`#${idFor(name)}`} onClick={(event) => focusField(event, idFor(name))}>
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

// With JavaScript on, following "#id" would be a history change that React Router handles as a
// navigation, dropping the action's result: the summary and the field's own message would vanish
// as the person arrives. Focusing the field directly keeps them (and focus lands just the same).
function focusField(event: React.MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: "center" });
}

/** What every field has around its control: the label, an optional hint and the field's own
 *  message, tied to the control by id and aria-describedby. `wrap(control)` renders them. */
export function useFieldParts(props: { name: string; id?: string; label: MessageKey; hint?: MessageKey; state?: FormState | { ok: true } | null }) {
  const t = useT();
  const failure = props.state && !props.state.ok ? props.state : null;
  const error = failure?.fieldErrors[props.name];
  const id = props.id ?? props.name;
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const wrap = (control: ReactNode) => (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={id}>{t(props.label)}</label>
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {t(props.hint)}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {t(error, failure?.formErrorParams)}
        </p>
      ) : null}
      {control}
    </div>
  );
  return { id, failure, wrap, aria: { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy } };
}

export function Field(props: {
  name: string;
  id?: string;
  label: MessageKey;
  type?: "text" | "password";
  autoComplete: string;
  hint?: MessageKey;
  state?: FormState | { ok: true } | null;
  required?: boolean;
  lang?: string;
}) {
  const { id, failure, wrap, aria } = useFieldParts(props);
  return wrap(
    <input
      id={id}
      name={props.name}
      type={props.type ?? "text"}
      autoComplete={props.autoComplete}
      defaultValue={props.type === "password" ? undefined : failure?.values[props.name]}
      {...aria}
      required={props.required ?? true}
      spellCheck={false}
      autoCapitalize="off"
    />,
  );
}

/** A checkbox with its label and hint beside it, checked as the member last saved it. */
export function Checkbox({ name, label, hint, checked }: { name: string; label: MessageKey; hint: MessageKey; checked: boolean }) {
  const t = useT();
  return (
    <div className="checkbox">
      <input type="checkbox" id={name} name={name} defaultChecked={checked} aria-describedby={`${name}-hint`} />
      <div>
        <label htmlFor={name}>{t(label)}</label>
        <p className="hint" id={`${name}-hint`}>
          {t(hint)}
        </p>
      </div>
    </div>
  );
}
