// An evidence entry's form: what the member typed, checked field by field, then passed through
// the media guard (docs/evidence.md). Every text field loses images and data: URIs, and the
// member is told. Unlike posts, nothing is held or refused for identifying details: writing
// down who posted the images, and where, is the point of the log. Nor is any removal recorded
// in media_removals, which moderators see: that would tell them the log exists (decision 018).
import { z } from "zod";
import {
  EVIDENCE_LIMITS as L,
  EVIDENCE_PLATFORMS,
  EVIDENCE_REPORTED_TO,
  EVIDENCE_STATUSES,
  type EvidenceFields,
  type EvidenceReport,
} from "#app/contracts/evidence.ts";
import { Invalid } from "#server/errors.ts";
import { formToObject, parseForm } from "#server/forms.ts";
import { scanText } from "#server/media/guard.ts";

// C0 and C1 controls and DEL, but tab and newline; bidi overrides make text read out of order.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/gu;
// Zero-width space, word joiner, byte-order mark and soft hyphen: invisible, and able to break up
// what the media guard looks for. (Zero-width joiners stay: emoji need them.)
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/gu;

const ZONES = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);

/** `lines`: whether the field may hold line breaks (links, the description); in the others a
 *  pasted line break becomes a space. */
const text = (max: number, lines = false) =>
  z
    .string()
    .optional()
    .transform((v) => {
      const unified = (v ?? "").replace(/\r\n?/g, "\n").replace(BIDI, "").normalize("NFC");
      return (lines ? unified : unified.replace(/[\n\t]+/g, " ")).trim();
    })
    .refine((v) => !CONTROL.test(v), "evidence.error.control")
    .refine((v) => [...v].length <= max, "form.tooLong");

const oneOf = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { message });

const date = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .refine((v) => v === "" || isRealDate(v), "evidence.error.date");

const seenAt = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .refine(
    (v) => v === "" || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) && isRealDate(v.slice(0, 10)) && Number(v.slice(11, 13)) < 24 && Number(v.slice(14)) < 60),
    "evidence.error.dateTime",
  );

function isRealDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && d.getUTCFullYear() >= 1990 && d.getUTCFullYear() <= 2200;
}

const reportFields = (i: number) => ({
  [`report${i}To`]: z.union([oneOf(EVIDENCE_REPORTED_TO, "form.invalid"), z.literal("")]).optional(),
  [`report${i}Name`]: text(L.reportName),
  [`report${i}Case`]: text(L.caseNumber),
  [`report${i}On`]: date,
});

export const evidenceForm = z.object({
  platform: oneOf(EVIDENCE_PLATFORMS, "evidence.error.platform"),
  platformDetail: text(L.platformDetail),
  place: text(L.place),
  links: text(L.links, true),
  seenAt,
  timeZone: z
    .string()
    .optional()
    .transform((v) => (v && ZONES.has(v) ? v : "UTC")),
  description: text(L.description, true),
  postedBy: text(L.postedBy),
  status: oneOf(EVIDENCE_STATUSES, "evidence.error.status"),
  followUp: date,
  ...Object.assign({}, ...Array.from({ length: L.reports }, (_, i) => reportFields(i))),
});

export interface ParsedEntry {
  fields: EvidenceFields;
  /** True when the media guard removed something: the member is told. */
  imageRemoved: boolean;
}

// The fields the media guard reads, and the most of each it reads: an image pasted into a field
// is removed before the field's length is judged, so a pasted screenshot is a notice, not "too
// long"; past this size a field is refused as too long without being read.
const GUARDED = [
  "platformDetail",
  "place",
  "links",
  "description",
  "postedBy",
  ...Array.from({ length: L.reports }, (_, i) => [`report${i}Name`, `report${i}Case`]).flat(),
];
const GUARD_READS_AT_MOST = 200_000;

/** The form's fields as an entry, after the media guard; throws Invalid with field messages. */
export function parseEvidenceForm(data: FormData | Record<string, unknown>): ParsedEntry {
  const raw = { ...formToObject(data) };
  let imageRemoved = false;
  for (const name of GUARDED) {
    const value = raw[name];
    if (typeof value !== "string") continue;
    if (value.length > GUARD_READS_AT_MOST) throw new Invalid({ [name]: "form.tooLong" });
    // What the form keeps anyway (NFC, no bidi controls or invisible characters) is what the guard
    // reads: an image split by U+2066 or spelled with a compatibility letter is still an image.
    const scanned = scanText("profile", value.replace(BIDI, "").replace(INVISIBLE, "").normalize("NFC"));
    if (scanned.removals.length > 0) imageRemoved = true;
    raw[name] = scanned.text;
  }
  const form = parseForm(evidenceForm, raw) as Record<string, string>;
  const guard = (value: string) => value.trim();
  const links = guard(form.links!)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (links.length > L.linkCount) throw new Invalid({ links: "evidence.error.tooManyLinks" }, undefined, { max: L.linkCount });
  const reports: EvidenceReport[] = [];
  for (let i = 0; i < L.reports; i++) {
    const to = form[`report${i}To`] as EvidenceReport["to"] | "" | undefined;
    const report = { name: guard(form[`report${i}Name`]!), caseNumber: guard(form[`report${i}Case`]!), on: form[`report${i}On`]! };
    if (!to && !report.name && !report.caseNumber && !report.on) continue;
    if (!to) throw new Invalid({ [`report${i}To`]: "evidence.error.reportedTo" });
    reports.push({ to, ...report });
  }
  const fields: EvidenceFields = {
    platform: form.platform as EvidenceFields["platform"],
    platformDetail: guard(form.platformDetail!),
    place: guard(form.place!),
    links,
    seenAt: form.seenAt!,
    timeZone: form.timeZone!,
    description: guard(form.description!),
    postedBy: guard(form.postedBy!),
    reports,
    status: form.status as EvidenceFields["status"],
    followUp: form.followUp!,
  };
  return { fields, imageRemoved };
}

/** An entry's fields as the form's values (for editing, and for the form after a refusal). */
export function entryFormValues(fields: EvidenceFields): Record<string, string> {
  const values: Record<string, string> = {
    platform: fields.platform,
    platformDetail: fields.platformDetail,
    place: fields.place,
    links: fields.links.join("\n"),
    seenAt: fields.seenAt,
    timeZone: fields.timeZone,
    description: fields.description,
    postedBy: fields.postedBy,
    status: fields.status,
    followUp: fields.followUp,
  };
  fields.reports.forEach((r, i) => {
    values[`report${i}To`] = r.to;
    values[`report${i}Name`] = r.name;
    values[`report${i}Case`] = r.caseNumber;
    values[`report${i}On`] = r.on;
  });
  return values;
}
