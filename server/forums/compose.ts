// Turns a member's submitted text into what is stored: image constructs removed (and recorded),
// markdown rendered once, and any attached file judged by the media guard.
//
// Everything is judged first, with no database connection held; the removals are then
// recorded in one statement of their own, before anything is refused, so an attempt that is
// refused ("nothing but an image", an attached file that is not text) still leaves its record.
// The markdown render (synchronous, tens of milliseconds for a long post) also happens here,
// before the caller opens the transaction that stores the post.
import type { Db } from "#db/client.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { Invalid, type FieldErrors } from "#server/errors.ts";
import { judgeUpload, recordRemovals, scanText, type PendingRemoval } from "#server/media/guard.ts";
import { renderMarkdown, SANITIZER_VERSION } from "#server/media/render-markdown.ts";

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export interface PostInput {
  body: string;
  contentWarning: string | null;
  /** Only for a new thread. */
  title?: string;
  upload?: Upload | null;
}

/** Called with the pool, never inside a transaction: see above. */
export async function composePost(db: Db, memberId: string, input: PostInput) {
  const notices: MessageKey[] = [];
  const errors: FieldErrors = {};
  const removals: PendingRemoval[] = [];
  const field = (text: string) => {
    const scanned = scanText("post", text);
    removals.push(...scanned.removals);
    return scanned.text;
  };
  const body = field(input.body);
  const title = input.title === undefined ? null : field(input.title);
  const warning = input.contentWarning ? field(input.contentWarning) : null;
  if (removals.length > 0) notices.push("media.removedFromText");
  if (title !== null && !title.trim()) errors.title = "media.nothingLeft";

  let attachment: { name: string; content: string; size: number } | null = null;
  if (input.upload && input.upload.bytes.byteLength > 0) {
    const judged = judgeUpload("upload", input.upload.name, input.upload.bytes);
    removals.push(...judged.removals);
    const outcome = judged.outcome;
    if (outcome.kind === "image") notices.push("media.removedUpload");
    else if (outcome.kind === "rejected") errors.attachment = outcome.reason === "too-large" ? "media.tooLarge" : "media.onlyText";
    else attachment = outcome;
  }
  // Leading indentation is kept (an indented code block starts with spaces).
  const source = body.trim() ? body : "";
  if (!source && !attachment && !errors.attachment) errors.body = notices.length ? "media.nothingLeft" : "post.bodyRequired";

  await recordRemovals(db, memberId, removals);
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return {
    title: title?.trim() || null,
    bodySource: source,
    bodyHtml: renderMarkdown(source),
    sanitizerVersion: SANITIZER_VERSION,
    contentWarning: warning?.trim() || null,
    attachment,
    notices,
  };
}
