// The time zone of "when you saw it": a list of every zone the server knows. Without JavaScript
// it starts at the zone of the member's newest entry (or UTC); with it, a new entry starts at the
// browser's own zone, when the list has it. Nothing about the zone leaves the page but the form.
import { useEffect, useRef } from "react";
import type { FormState } from "#app/components/form-parts.tsx";
import { Select } from "#app/components/evidence/entry-fields.tsx";

export function TimeZoneField({ zones, value, state, followBrowser }: { zones: string[]; value: string; state: FormState | null; followBrowser: boolean }) {
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (!followBrowser || !select.current) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zones.includes(zone)) select.current.value = zone;
  }, [followBrowser, zones]);
  return (
    <Select
      name="timeZone"
      label="evidence.ui.field.timeZone"
      hint="evidence.ui.hint.timeZone"
      value={value || "UTC"}
      choices={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))}
      state={state}
      selectRef={select}
    />
  );
}
