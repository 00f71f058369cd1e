// A member's export (issue 12): everything in member-data.ts's map that the export shows, read
// section by section and page by page (pages.ts) and written out as it is read, as JSON
// (export-json.ts) or as a readable, self-contained HTML page (export-html.ts). Nothing holds
// more than one page of rows: the file streams to the member (or the operator's stdout) while
// the next page is read, and it waits while the reader is slow. Nothing here logs.
import type { Locale, MessageKey } from "#app/i18n/catalog.ts";
import type { Db } from "#db/client.ts";
import type { EvidenceSection } from "./evidence-section.ts";
import { htmlChunks } from "./export-html.ts";
import { jsonChunks } from "./export-json.ts";
import { type SectionName, withheldNotices } from "./member-data.ts";
import type { Item } from "./pages.ts";
import {
  blockPages,
  invitationUsedPages,
  mediaRemovalPages,
  moderatedForumPages,
  notificationPages,
  profile,
  recoveryCodePages,
  sessionPages,
  threadReadPages,
} from "./read-account.ts";
import { chatMessagePages, postPages, threadPages } from "./read-content.ts";
import { appealPages, chatMutePages, invitationCreatedPages, moderationHistoryPages, moderatorActionPages, reportPages } from "./read-moderation.ts";

export type ListSection = Exclude<SectionName, "profile" | "evidenceLog">;

/** Every list section's reader, in the order of member-data.ts's SECTIONS. */
const READERS: Record<ListSection, (db: Db, memberId: string) => AsyncIterable<Item[]>> = {
  sessions: sessionPages,
  recoveryCodes: recoveryCodePages,
  invitationsUsed: invitationUsedPages,
  moderatedForums: moderatedForumPages,
  threads: threadPages,
  posts: postPages,
  threadReads: threadReadPages,
  chatMessages: chatMessagePages,
  chatMutes: chatMutePages,
  reports: reportPages,
  blocks: blockPages,
  notifications: notificationPages,
  moderationHistory: moderationHistoryPages,
  appeals: appealPages,
  mediaRemovals: mediaRemovalPages,
  moderatorActions: moderatorActionPages,
  invitationsCreated: invitationCreatedPages,
};
export const LIST_SECTIONS = Object.keys(READERS) as ListSection[];

/** What the export tells the member it leaves out: the map's notices, and the one-way hashes of
 *  their passphrase, recovery codes and session tokens, which no section reads (of no use to read). */
export const notIncluded = (): MessageKey[] => [...withheldNotices(), "privacy.export.withheld.hashes"];

export type Audience = "member" | "operator";

export interface ExportRequest {
  db: Db;
  memberId: string;
  audience: Audience;
  /** The HTML page's language (the JSON's field names are the same in every language). */
  locale: Locale;
  /** Asked in discreet mode: the HTML page's own title (its tab, once opened) is the neutral word. */
  discreet?: boolean;
  now: Date;
  /** Read when the file reaches it: the member's log, or the operator's note (evidence-section.ts). */
  evidence: () => Promise<EvidenceSection>;
}

export type ExportEvent =
  | { type: "start"; exportedAt: string; audience: Audience; profile: Item }
  | { type: "list"; name: ListSection }
  | { type: "items"; name: ListSection; items: Item[] }
  | { type: "listEnd"; name: ListSection; count: number }
  | { type: "evidence"; section: EvidenceSection }
  | { type: "withheld"; notices: MessageKey[] };

/** The export as a sequence of events, each page of rows read only when the writer asks for it. */
export async function* exportEvents(request: ExportRequest): AsyncGenerator<ExportEvent> {
  const { db, memberId } = request;
  yield { type: "start", exportedAt: request.now.toISOString(), audience: request.audience, profile: await profile(db, memberId) };
  for (const name of LIST_SECTIONS) {
    yield { type: "list", name };
    let count = 0;
    for await (const items of READERS[name](db, memberId)) {
      count += items.length;
      yield { type: "items", name, items };
    }
    yield { type: "listEnd", name, count };
  }
  yield { type: "evidence", section: await request.evidence() };
  yield { type: "withheld", notices: notIncluded() };
}

export type ExportFormat = "json" | "html";

/** The file's text, a chunk at a time (a page of rows at most). */
export function exportChunks(request: ExportRequest, format: ExportFormat): AsyncGenerator<string> {
  const events = exportEvents(request);
  return format === "json" ? jsonChunks(events, request.locale) : htmlChunks(events, request.locale, request.discreet ?? false);
}
