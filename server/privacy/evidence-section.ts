// The evidence log in a member's export: opened through the evidence services with the member's
// own session (`who`: the actor and this session's token), exactly as their log's pages open it,
// and never any other way (decision 018). A session that cannot open the log gets a note that it
// is sealed and was left out; an operator's export gets only a note, whatever the member has:
// not even whether there is a log.
import type { MessageKey } from "#app/i18n/catalog.ts";
import type { Item } from "./pages.ts";
import type { EvidenceServices, EvidenceWho } from "#server/evidence/services.ts";
import { isInvalid } from "#server/errors.ts";

/** `locked`: there is a log this session cannot open; `none`: there is no log; `operator`: an
 *  operator's export, which never holds the log. */
export type EvidenceSection = { included: true; entries: Item[] } | { included: false; reason: "locked" | "none" | "operator" };

/** What the export says instead of the log. */
export const EVIDENCE_NOTES = {
  locked: "privacy.export.evidence.locked",
  none: "privacy.export.evidence.none",
  operator: "privacy.export.evidence.operator",
} as const satisfies Record<string, MessageKey>;

export const OPERATOR_EVIDENCE: EvidenceSection = { included: false, reason: "operator" };

/** The member's log, decrypted, in the order of its timeline (an entry that fails to open is
 *  listed as broken, never shown). Bounded by the log's own limits (EVIDENCE_MAX_BYTES). */
export async function memberEvidence(evidence: EvidenceServices, who: EvidenceWho): Promise<EvidenceSection> {
  const { state } = await evidence.state(who);
  if (state !== "open") return { included: false, reason: state };
  try {
    const entries = await evidence.list(who);
    return { included: true, entries: entries.map((entry) => withoutDue(entry as unknown as Item)) };
  } catch (err) {
    // The session's wrap went between the two calls (signed out elsewhere): as if locked.
    if (isInvalid(err) && err.formError === "evidence.error.locked") return { included: false, reason: "locked" };
    throw err;
  }
}

/** `due` is the timeline's reminder for today, not something kept. */
function withoutDue(entry: Item): Item {
  const { due: _due, ...kept } = entry;
  return kept;
}
