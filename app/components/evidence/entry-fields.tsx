// The entry form's fields: each a label, an optional hint and the field's own message tied to
// one input, textarea or select (ids are the field names, so the error summary's links land on
// them). Values are defaults: the browser keeps what the member types.
import type { Ref } from "react";
import { type FormState, useFieldParts } from "#app/components/form-parts.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";

interface Common {
  name: string;
  id?: string;
  label: MessageKey;
  hint?: MessageKey;
  state?: FormState | null;
}

export function TextInput(props: Common & { value?: string; type?: "text" | "date" | "datetime-local" }) {
  const { id, wrap, aria } = useFieldParts(props);
  return wrap(<input id={id} name={props.name} type={props.type ?? "text"} defaultValue={props.value ?? ""} autoComplete="off" spellCheck={false} {...aria} />);
}

export function TextArea(props: Common & { value?: string; rows: number }) {
  const { id, wrap, aria } = useFieldParts(props);
  return wrap(<textarea id={id} name={props.name} rows={props.rows} defaultValue={props.value ?? ""} spellCheck={false} {...aria} />);
}

export interface Choice {
  value: string;
  label: string;
}

export function Select(props: Common & { value?: string; choices: Choice[]; selectRef?: Ref<HTMLSelectElement> }) {
  const { id, wrap, aria } = useFieldParts(props);
  return wrap(
    <select id={id} name={props.name} defaultValue={props.value ?? ""} ref={props.selectRef} {...aria}>
      {props.choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>,
  );
}
