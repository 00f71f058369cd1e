// The media guard as services call it: every text and every upload goes through here, and every
// removal is recorded. Bytes of a removed or refused file are dropped.
//
// Judging and recording are separate steps: `scanText` and `judgeUpload` touch no database,
// so a caller judges everything first, records the removals on their own (`recordRemovals`),
// and only then decides whether what is left can be stored. A removal is recorded even when
// the post it came in is then refused ("nothing but an image"): that attempt is the one
// moderators most need to count, and a record written inside the refused post's transaction
// would roll back with it.
import type { DbOrTx } from "#db/client.ts";
import { inspect } from "./inspect.ts";
import { recordRemovals, type PendingRemoval, type RemovalChannel } from "./removals.ts";
import { scrubImages } from "./scrub-text.ts";

export type { PendingRemoval } from "./removals.ts";
export { recordRemovals } from "./removals.ts";

export { MAX_UPLOAD_BYTES } from "#app/contracts/limits.ts";

/** One text field (a post body, title, content warning, chat message, profile field): image
 *  constructs, data: URIs that carry images, and base64/hex runs that decode to an image
 *  removed; what went, for `recordRemovals`. */
export function scanText(channel: RemovalChannel, text: string): { text: string; removals: PendingRemoval[] } {
  const scrubbed = scrubImages(text);
  return { text: scrubbed.text, removals: scrubbed.removed.map((r) => ({ channel, format: r.kind, bytes: r.fragment })) };
}

/** Removes image constructs from member text and records each removal at once. */
export async function guardText(db: DbOrTx, input: { memberId: string | null; channel: RemovalChannel; text: string }) {
  const scanned = scanText(input.channel, input.text);
  await recordRemovals(db, input.memberId, scanned.removals);
  return { text: scanned.text, removed: scanned.removals.length };
}

export type UploadOutcome =
  | { kind: "text"; name: string; content: string; size: number }
  | { kind: "image"; format: string }
  | { kind: "rejected"; reason: string };

/** Judges an uploaded file by its content; an image is never kept, only its removal record. */
export function judgeUpload(channel: RemovalChannel, name: string, bytes: Uint8Array): { outcome: UploadOutcome; removals: PendingRemoval[] } {
  const verdict = inspect(bytes, { name });
  if (verdict.verdict === "image") return { outcome: { kind: "image", format: verdict.format }, removals: [{ channel, format: verdict.format, bytes }] };
  if (verdict.verdict === "rejected") return { outcome: { kind: "rejected", reason: verdict.reason }, removals: [] };
  const content = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  // A text file is also text: image constructs inside it are removed like in a post body.
  const scanned = scanText(channel, content);
  return { outcome: { kind: "text", name: safeFileName(name), content: scanned.text, size: Buffer.byteLength(scanned.text) }, removals: scanned.removals };
}

/** Judges an uploaded file and records any removal at once. */
export async function guardUpload(
  db: DbOrTx,
  input: { memberId: string | null; channel: RemovalChannel; name: string; bytes: Uint8Array },
): Promise<UploadOutcome> {
  const judged = judgeUpload(input.channel, input.name, input.bytes);
  await recordRemovals(db, input.memberId, judged.removals);
  return judged.outcome;
}

/** A display name for an attachment: no path, no control characters, at most 100 characters. */
export function safeFileName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .trim()
    .slice(0, 100);
  return clean || "attachment.txt";
}
