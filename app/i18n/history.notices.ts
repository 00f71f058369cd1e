// The sentences a member reads about a moderation event: in their notifications ("A moderator
// removed your post in “…”: reason") and as the headline of each entry of their history. One
// place, so the two pages say the same thing. Client-safe: plain functions over the catalog.
import { exactTime } from "#app/lib/time.ts";
import { translate, type Locale, type MessageKey } from "./catalog.ts";

export type EventKind = "removal" | "warning" | "suspension" | "ban" | "hold_rejected" | "unban" | "restored";

export interface EventFacts {
  kind: EventKind;
  reason: string | null;
  /** The thread's title, if the event concerned one. */
  thread: string | null;
  /** ISO date: when a suspension ends. */
  until: string | null;
}

/** For kinds that name a thread, the key without one when there is none. */
const NO_THREAD: Partial<Record<EventKind, boolean>> = { removal: true, hold_rejected: true, restored: true };

function untilText(facts: EventFacts, locale: Locale) {
  return facts.until ? exactTime(new Date(facts.until), locale) : "";
}

/** The history's headline: what happened, without the reason (shown on its own line). */
export function eventHeadline(locale: Locale, facts: EventFacts) {
  if (facts.kind === "suspension" && !facts.until) return translate(locale, "history.kind.suspensionOpen");
  return translate(locale, `history.kind.${facts.kind}` as MessageKey, { until: untilText(facts, locale) });
}

/** The private notice, with the moderator's reason. */
export function eventNotice(locale: Locale, facts: EventFacts) {
  const params = { thread: facts.thread ?? "", reason: facts.reason ?? translate(locale, "history.noReason"), until: untilText(facts, locale) };
  if (facts.kind === "suspension" && !facts.until) return translate(locale, "history.notice.suspensionOpen", params);
  const key = NO_THREAD[facts.kind] && !facts.thread ? `history.notice.${facts.kind}NoThread` : `history.notice.${facts.kind}`;
  return translate(locale, key as MessageKey, params);
}

/** An appeal's outcome, told to the member who appealed. */
export function outcomeNotice(locale: Locale, facts: EventFacts, outcome: "upheld" | "overturned", response: string | null) {
  const subjectKey = facts.kind === "suspension" ? "history.subject.suspension" : `history.subject.${facts.kind}${facts.thread ? "" : "NoThread"}`;
  const subject = translate(locale, subjectKey as MessageKey, { thread: facts.thread ?? "" });
  return translate(locale, `history.outcome.${outcome}${response ? "" : "NoResponse"}` as MessageKey, { subject, response: response ?? "" });
}
