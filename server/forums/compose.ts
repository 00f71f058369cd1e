import type { Db } from "#db/client.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { Invalid, type FieldErrors } from "#server/errors.ts";
import { judgeUpload, recordRemovals, scanText, type PendingRemoval } from "#server/media/guard.ts";
import { renderMarkdown, SANITIZER_VERSION } from "#server/media/render-markdown.ts";
import { judgeText } from "#server/holds/index.ts";
import { readSetting } from "#server/settings/store.ts";
import { pauseAfterRepeatImages } from "#server/moderation/repeat-images.ts";

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
  if (removals.length > 0) await pauseAfterRepeatImages(db, memberId);
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const judgement = judgeText([title ?? "", source, warning ?? ""].join("\n"), await readSetting(db, "moderation.watched_words"));
  if (judgement.blocked) throw new Invalid({ body: "holds.blocked" });
  return {
    title: title?.trim() || null,
    bodySource: source,
    bodyHtml: renderMarkdown(source),
    sanitizerVersion: SANITIZER_VERSION,
    contentWarning: warning?.trim() || null,
    attachment,
    notices,
    judgement,
  };
}
