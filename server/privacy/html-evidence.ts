// The evidence log in the export's HTML page: each entry's fields as the log's own pages label
// them, links one per line as text, reports listed; a broken entry said to be broken, never
// shown; a log left out (locked, none, an operator's copy) a note saying so.
import { EVIDENCE_NOTES, type EvidenceSection } from "./evidence-section.ts";
import { article, esc, fields, type Formats, known, labelled, text } from "./html-parts.ts";
import type { Item } from "./pages.ts";

function evidenceEntryHtml(e: Item, f: Formats): string {
  if (e.broken) return article(`<p>${esc(f.t("evidence.broken"))}</p>\n`);
  const reports = ((e.reports ?? []) as Item[]).map((r) =>
    [known("evidence.reportedTo", r.to, f), r.name, r.caseNumber ? `#${String(r.caseNumber)}` : "", r.on].filter(Boolean).join(" "),
  );
  return article(
    fields(
      [
        ["evidence.ui.field.platform", `${known("evidence.platform", e.platform, f)}${e.platformDetail ? ` · ${String(e.platformDetail)}` : ""}`],
        ["evidence.ui.field.place", e.place],
        ["evidence.ui.field.seenAt", e.seenAt ? `${String(e.seenAt).replace("T", " ")} (${String(e.timeZone)})` : null],
        ["evidence.ui.field.postedBy", e.postedBy],
        ["evidence.ui.field.status", known("evidence.status", e.status, f)],
        ["evidence.ui.field.followUp", e.followUp],
        ["privacy.export.field.written", f.time(e.createdAt)],
        ["privacy.export.field.edited", f.time(e.updatedAt)],
      ],
      f,
    ) +
      labelled(f.t("evidence.ui.field.links"), ((e.links ?? []) as string[]).join("\n")) +
      text(e.description) +
      (reports.length ? `<p>${esc(f.t("evidence.ui.reportsLegend"))}</p>\n<ul>\n${reports.map((r) => `<li>${esc(r)}</li>\n`).join("")}</ul>\n` : ""),
  );
}

export function evidenceHtml(section: EvidenceSection, f: Formats): string {
  if (!section.included) return `<p class="note">${esc(f.t(EVIDENCE_NOTES[section.reason]))}</p>\n`;
  const count = `<p>${esc(f.t("privacy.export.evidence.count", { count: section.entries.length }))}</p>\n`;
  return count + section.entries.map((e) => evidenceEntryHtml(e, f)).join("");
}
