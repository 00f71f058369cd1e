// The whole log as a file for the member to hand to the police, a lawyer or a helpline
// (docs/evidence.md): JSON (every field, as stored) and CSV (one row per entry, for a
// spreadsheet). Built only from the member's own session; nothing here is ever written to disk.
import type { BrokenEvidenceEntry, EvidenceEntry } from "#app/contracts/evidence.ts";
import { translate, type Locale } from "#app/i18n/catalog.ts";
import { isBroken } from "./entries.ts";
import { platformName, seenText } from "./takedown.ts";

type Listed = EvidenceEntry | BrokenEvidenceEntry;

export function evidenceJson(entries: readonly Listed[], now: Date): string {
  return JSON.stringify(
    {
      kind: "hearth-evidence-log",
      version: 1,
      exportedAt: now.toISOString(),
      entries: entries.map((e) => (isBroken(e) ? { id: e.id, broken: true } : e)),
    },
    null,
    2,
  );
}

const CSV_COLUMNS = ["seen", "platform", "place", "links", "description", "postedBy", "reports", "status", "followUp", "written", "changed"] as const;

/** A cell as a spreadsheet reads it safely: quoted, and never a formula (OWASP "CSV injection":
 *  a cell starting with = + - @ or a tab/CR is prefixed with an apostrophe). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function evidenceCsv(entries: readonly Listed[], locale: Locale): string {
  const header = CSV_COLUMNS.map((c) => csvCell(c)).join(",");
  const rows = entries.map((e) => {
    if (isBroken(e)) return CSV_COLUMNS.map((c) => csvCell(c === "description" ? translate(locale, "evidence.broken") : "")).join(",");
    const reports = e.reports
      .map((r) => [translate(locale, `evidence.reportedTo.${r.to}`), r.name, r.caseNumber && `#${r.caseNumber}`, r.on].filter(Boolean).join(" "))
      .join("\n");
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      seen: e.seenAt ? seenText(e, locale) : "",
      platform: platformName(e, locale),
      place: e.place,
      links: e.links.join("\n"),
      description: e.description,
      postedBy: e.postedBy,
      reports,
      status: translate(locale, `evidence.status.${e.status}`),
      followUp: e.followUp,
      written: e.createdAt,
      changed: e.updatedAt,
    };
    return CSV_COLUMNS.map((c) => csvCell(cells[c])).join(",");
  });
  // A byte-order mark, so spreadsheet programs read Chinese text as UTF-8; CRLF as RFC 4180 says.
  return `\ufeff${[header, ...rows].join("\r\n")}\r\n`;
}
