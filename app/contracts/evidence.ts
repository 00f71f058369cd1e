// The evidence log as both sides see it (docs/evidence.md): an entry's fields and their limits.
// Everything here is sealed at rest (server/evidence/); nothing here imports server code.

export const EVIDENCE_PLATFORMS = [
  "telegram",
  "wechat",
  "qq",
  "weibo",
  "xiaohongshu",
  "douyin",
  "x",
  "reddit",
  "instagram",
  "facebook",
  "website",
  "other",
] as const;
export type EvidencePlatform = (typeof EVIDENCE_PLATFORMS)[number];

export const EVIDENCE_STATUSES = ["not_reported", "reported", "removed", "no_answer", "appeared_again"] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** Where a copy was reported: the platform itself, the police, StopNCII, a helpline, elsewhere. */
export const EVIDENCE_REPORTED_TO = ["platform", "police", "stopncii", "helpline", "other"] as const;
export type EvidenceReportedTo = (typeof EVIDENCE_REPORTED_TO)[number];

/** Limits, in code points after trimming. */
export const EVIDENCE_LIMITS = {
  platformDetail: 100,
  place: 300,
  links: 4000,
  linkCount: 50,
  description: 2000,
  postedBy: 300,
  reportName: 200,
  caseNumber: 100,
  reports: 5,
} as const;

/** The most entries one member's log holds. */
export const EVIDENCE_MAX_ENTRIES = 5000;
/** The most one member's log holds, sealed (about ten thousand entries of the usual size): every
 *  page of the log opens all of it, so one member cannot make a page that exhausts the server. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export interface EvidenceReport {
  to: EvidenceReportedTo;
  /** Which platform, police force or helpline, in the member's words. */
  name: string;
  caseNumber: string;
  /** YYYY-MM-DD, or "" */
  on: string;
}

/** What the member writes; all of it is sealed. */
export interface EvidenceFields {
  platform: EvidencePlatform;
  /** Free text beside the platform: the website's name, the app for "other", anything more. */
  platformDetail: string;
  /** Group, channel or account name. */
  place: string;
  /** Kept as text, one per line; never fetched, never made clickable. */
  links: string[];
  /** When it was seen: the wall-clock time the member entered (YYYY-MM-DDTHH:mm) and its zone. */
  seenAt: string;
  timeZone: string;
  /** What it shows: text only (the media guard removes images and data: URIs). */
  description: string;
  postedBy: string;
  reports: EvidenceReport[];
  status: EvidenceStatus;
  /** YYYY-MM-DD, or "" */
  followUp: string;
}

export interface EvidenceEntry extends EvidenceFields {
  id: string;
  /** ISO 8601: when the entry was written and last changed (kept in clear, decision 018). */
  createdAt: string;
  updatedAt: string;
}

/** An entry that did not open: altered or moved in the database. Shown as such, never its contents. */
export interface BrokenEvidenceEntry {
  id: string;
  broken: true;
}
