// The media guard as services call it: every text and every upload goes through here, and every
// removal is recorded (DESIGN.md, Media guard). Bytes of a removed or refused file are dropped.
import type { DbOrTx } from "#db/client.ts";
import { inspect } from "./inspect.ts";
import { recordRemoval, type RemovalChannel } from "./removals.ts";
import { scrubImages } from "./scrub-text.ts";

export { MAX_UPLOAD_BYTES } from "#app/contracts/limits.ts";

/** Removes image constructs and data: URIs from member text, recording each removal. */
export async function guardText(db: DbOrTx, input: { memberId: string | null; channel: RemovalChannel; text: string }) {
  const scrubbed = scrubImages(input.text);
  for (const removed of scrubbed.removed) {
    const fragment = (removed as { fragment?: string }).fragment ?? input.text;
    await recordRemoval(db, { memberId: input.memberId, channel: input.channel, format: removed.kind, bytes: fragment });
  }
  return { text: scrubbed.text, removed: scrubbed.removed.length };
}

export type UploadOutcome =
  | { kind: "text"; name: string; content: string; size: number }
  | { kind: "image"; format: string }
  | { kind: "rejected"; reason: string };

/** Judges an uploaded file by its content; an image is recorded and dropped, never stored. */
export async function guardUpload(db: DbOrTx, input: { memberId: string | null; channel: RemovalChannel; name: string; bytes: Uint8Array }): Promise<UploadOutcome> {
  const verdict = inspect(input.bytes, { name: input.name });
  if (verdict.verdict === "image") {
    await recordRemoval(db, { memberId: input.memberId, channel: input.channel, format: verdict.format, bytes: input.bytes });
    return { kind: "image", format: verdict.format };
  }
  if (verdict.verdict === "rejected") return { kind: "rejected", reason: verdict.reason };
  const content = new TextDecoder("utf-8", { fatal: true }).decode(input.bytes);
  // A text file is also text: image constructs inside it are removed like in a post body.
  const guarded = await guardText(db, { memberId: input.memberId, channel: input.channel, text: content });
  return { kind: "text", name: safeFileName(input.name), content: guarded.text, size: Buffer.byteLength(guarded.text) };
}

/** A display name for an attachment: no path, no control characters, at most 100 characters. */
export function safeFileName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.normalize("NFC").replace(/[\p{Cc}\p{Cf}]/gu, "").trim().slice(0, 100);
  return clean || "attachment.txt";
}
