// The small pieces the export's HTML is made of (export-html.ts, html-items.ts): escaping, the
// member's language and times, labelled fields, text kept as text. Nothing here makes a link, an
// image or anything else that loads: every value goes through esc().
import { isMessageKey, translate, type Locale, type MessageKey } from "#app/i18n/catalog.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML text or attribute value: nothing in it can open a tag or leave a quote. */
export const esc = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface Formats {
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** An ISO time in the member's language, in UTC (the file may be read anywhere). */
  time(at: unknown): string;
}

export function formatsFor(locale: Locale): Formats {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  return {
    t: (key, params) => translate(locale, key, params),
    time: (at) => (typeof at === "string" && at ? `${format.format(new Date(at))} UTC` : ""),
  };
}

export type Row = [MessageKey, unknown];

/** Labelled values as a definition list; empty ones (null, undefined, "") are left out. */
export function fields(rows: Row[], f: Formats): string {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== "");
  if (shown.length === 0) return "";
  return `<dl>\n${shown.map(([label, value]) => `<dt>${esc(f.t(label))}</dt><dd>${esc(value)}</dd>\n`).join("")}</dl>\n`;
}

export const text = (value: unknown) => (typeof value === "string" && value ? `<div class="text">${esc(value)}</div>\n` : "");
export const folded = (summary: string, body: unknown) =>
  typeof body === "string" && body ? `<details><summary>${esc(summary)}</summary><pre>${esc(body)}</pre></details>\n` : "";
/** Text under its label, shown (addresses one per line, as text). */
export const labelled = (label: string, body: string) => (body ? `<p><strong>${esc(label)}</strong></p>\n<pre>${esc(body)}</pre>\n` : "");
export const article = (inner: string) => `<article>\n${inner}</article>\n`;
export const yesNo = (value: unknown, f: Formats) => f.t(value ? "privacy.export.value.yes" : "privacy.export.value.no");
/** A stored value (a status, a kind) by its message `prefix.value`; a value no message names yet
 *  (one added to the schema later) as it is stored, rather than a broken file. */
export function known(prefix: string, value: unknown, f: Formats, params?: Record<string, string | number>): string | null {
  if (value === null || value === undefined || value === "") return null;
  const key = `${prefix}.${String(value)}`;
  return isMessageKey(key) ? f.t(key, params) : String(value);
}
