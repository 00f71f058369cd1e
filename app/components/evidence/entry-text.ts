// An entry's words as the log's pages show them, the way the exports and takedown texts write
// them (server/evidence/takedown.ts): when it was seen with its zone, and the platform's name.
import type { BrokenEvidenceEntry, EvidenceEntry } from "#app/contracts/evidence.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** An entry as the timeline lists it: `due` once its follow-up date has come. */
export type ListedEntry = (EvidenceEntry & { due?: boolean }) | BrokenEvidenceEntry;

export function isBrokenEntry(entry: ListedEntry): entry is BrokenEvidenceEntry {
  return "broken" in entry;
}

/** "2026-03-14 21:30 (Asia/Shanghai)", as the member wrote it. */
export function seenLabel(entry: Pick<EvidenceEntry, "seenAt" | "timeZone">, t: Translate) {
  return entry.seenAt ? `${entry.seenAt.replace("T", " ")} (${entry.timeZone})` : t("evidence.ui.notRecorded");
}

export function platformLabel(entry: Pick<EvidenceEntry, "platform" | "platformDetail">, t: Translate) {
  const name = t(`evidence.platform.${entry.platform}`);
  if (!entry.platformDetail) return name;
  return entry.platform === "other" || entry.platform === "website" ? entry.platformDetail : `${name} (${entry.platformDetail})`;
}

/** When an entry was written or changed: its ISO time as a date and time in UTC. */
export function utcLabel(iso: string) {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
