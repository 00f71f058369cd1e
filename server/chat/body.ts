// A chat message's text, judged before anything is stored (docs/chat.md, "Sending"):
//
// 1. the media guard (channel "chat") removes image constructs and data: URIs; the removals are
//    recorded by the caller before any refusal, so an image-only attempt still leaves its record
//    (server/media/guard.ts says why);
// 2. the text is NFC, trimmed, 1..CHAT_BODY_MAX code points, and has no control character but
//    newline and tab;
// 3. the holds' detectors (server/holds/) judge it. A chat message cannot wait for a moderator
//    without breaking the conversation, and shown first it would defeat the point, so anything
//    that would hold a post — identifying details, an image link, a watched word set to hold —
//    or a blocked watched word refuses it, with a reason (decision 017). Watched words set to
//    flag let it through and open a queue item.
import { CHAT_BODY_MAX } from "#app/contracts/chat.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { Invalid } from "#server/errors.ts";
import { IDENTIFYING, judgeText, type WatchedWord } from "#server/holds/index.ts";
import { scanText, type PendingRemoval } from "#server/media/guard.ts";

// C0 and C1 controls and DEL, but tab and newline (a pasted line break is kept).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

export interface ScannedBody {
  text: string;
  removals: PendingRemoval[];
}

/** Step 1: what the media guard leaves of the text (pure; nothing recorded yet). */
export function scanBody(raw: string): ScannedBody {
  const scanned = scanText("chat", raw);
  return { text: scanned.text.replace(/\r\n?/g, "\n").normalize("NFC").trim(), removals: scanned.removals };
}

/** Step 2: throws Invalid({body}) for a text that cannot be a message. */
export function checkBody(scanned: ScannedBody): string {
  const text = scanned.text;
  if (!text) throw new Invalid({ body: scanned.removals.length > 0 ? "chat.body.onlyImage" : "chat.body.empty" });
  if (CONTROL.test(text)) throw new Invalid({ body: "chat.body.control" });
  if ([...text].length > CHAT_BODY_MAX) throw new Invalid({ body: "chat.body.tooLong" }, undefined, { max: CHAT_BODY_MAX });
  return text;
}

/** Step 3: throws Invalid({body}) with the reason for a refused text; returns whether a
 *  watched word set to flag occurs (the message is stored and a moderator looks). */
export function judgeBody(text: string, watched: readonly WatchedWord[]): { flagged: boolean } {
  const judgement = judgeText(text, watched);
  const refusal = refusalOf(judgement.holds, judgement.blocked);
  if (refusal) throw new Invalid({ body: refusal });
  return { flagged: judgement.flags.length > 0 };
}

function refusalOf(holds: readonly string[], blocked: boolean): MessageKey | null {
  if (holds.some((h) => (IDENTIFYING as readonly string[]).includes(h))) return "chat.refused.identifying";
  if (holds.includes("image-link")) return "chat.refused.imageLink";
  if (blocked) return "chat.refused.blocked";
  if (holds.includes("watched-word")) return "chat.refused.watched";
  return null;
}
