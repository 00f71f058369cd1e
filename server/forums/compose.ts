// Turns a member's submitted text into what is stored: image constructs removed (and recorded),
// markdown rendered once, and any attached file judged by the media guard.
import type { DbOrTx } from "#db/client.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { Invalid } from "#server/errors.ts";
import { guardText, guardUpload } from "#server/media/guard.ts";
import { renderMarkdown, SANITIZER_VERSION } from "#server/media/render-markdown.ts";

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export async function composePost(db: DbOrTx, memberId: string, input: { body: string; contentWarning: string | null; title?: string; upload?: Upload | null }) {
  const notices: MessageKey[] = [];
  const body = await guardText(db, { memberId, channel: "post", text: input.body });
  const title = input.title === undefined ? null : await guardText(db, { memberId, channel: "post", text: input.title });
  const warning = input.contentWarning ? await guardText(db, { memberId, channel: "post", text: input.contentWarning }) : null;
  if (body.removed + (title?.removed ?? 0) + (warning?.removed ?? 0) > 0) notices.push("media.removedFromText");
  let attachment: { name: string; content: string; size: number } | null = null;
  if (input.upload && input.upload.bytes.byteLength > 0) {
    const outcome = await guardUpload(db, { memberId, channel: "upload", name: input.upload.name, bytes: input.upload.bytes });
    if (outcome.kind === "image") notices.push("media.removedUpload");
    else if (outcome.kind === "rejected") throw new Invalid({ attachment: outcome.reason === "too-large" ? "media.tooLarge" : "media.onlyText" });
    else attachment = outcome;
  }
  const source = body.text.trim() ? body.text : "";
  if (!source && !attachment) throw new Invalid({ body: notices.length ? "media.nothingLeft" : "post.bodyRequired" });
  return {
    title: title?.text.trim() || null,
    bodySource: source,
    bodyHtml: renderMarkdown(source),
    sanitizerVersion: SANITIZER_VERSION,
    contentWarning: warning?.text.trim() || null,
    attachment,
    notices,
  };
}
