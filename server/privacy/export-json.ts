// The export as one JSON document, written as its events arrive: one line per item, so the
// file reads well in a text editor too. The last member is `"complete": true`: a file cut short
// (a dropped connection) is not valid JSON and lacks it.
import { translate, type Locale } from "#app/i18n/catalog.ts";
import { EVIDENCE_NOTES, type EvidenceSection } from "./evidence-section.ts";
import type { ExportEvent } from "./export.ts";

export function evidenceJson(section: EvidenceSection, locale: Locale) {
  return section.included ? section : { ...section, note: translate(locale, EVIDENCE_NOTES[section.reason]) };
}

export async function* jsonChunks(events: AsyncIterable<ExportEvent>, locale: Locale): AsyncGenerator<string> {
  let first = true;
  for await (const event of events) {
    switch (event.type) {
      case "start":
        yield `{\n"kind": "hearth-member-export",\n"version": 1,\n"exportedAt": ${JSON.stringify(event.exportedAt)},\n"audience": ${JSON.stringify(event.audience)},\n"profile": ${JSON.stringify(event.profile)}`;
        break;
      case "list":
        yield `,\n${JSON.stringify(event.name)}: [`;
        first = true;
        break;
      case "items": {
        const lines = event.items.map((item) => JSON.stringify(item)).join(",\n");
        yield `${first ? "\n" : ",\n"}${lines}`;
        first = false;
        break;
      }
      case "listEnd":
        yield first ? "]" : "\n]";
        break;
      case "evidence":
        yield `,\n"evidenceLog": ${JSON.stringify(evidenceJson(event.section, locale))}`;
        break;
      case "withheld":
        yield `,\n"notIncluded": ${JSON.stringify(event.notices.map((key) => ({ key, text: translate(locale, key) })))},\n"complete": true\n}\n`;
        break;
    }
  }
}
