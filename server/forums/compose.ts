// Turns a member's submitted text into what is stored: image constructs removed (and recorded),
// markdown rendered once, any attached file judged by the media guard, and then what is left
// judged for automatic holds (server/holds/: identifying information, image links, watched
// words). A watched word set to block refuses the post here, with the text kept in the form.
//
// Everything is judged first, with no database connection held; the removals are then
// recorded in one statement of their own, before anything is refused, so an attempt that is
// refused ("nothing but an image", an attached file that is not text) still leaves its record.
// The markdown render (synchronous, tens of milliseconds for a long post) also happens here,
// before the caller opens the transaction that stores the post.
import { and, count, eq, gte, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { mediaRemovals, members } from "#db/schema.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { Invalid, type FieldErrors } from "#server/errors.ts";
import { judgeUpload, recordRemovals, scanText, type PendingRemoval } from "#server/media/guard.ts";
import { renderMarkdown, SANITIZER_VERSION } from "#server/media/render-markdown.ts";
import { judgeText } from "#server/holds/index.ts";
import { audit, SYSTEM } from "#server/moderation/audit.ts";
import { PRIORITY } from "#server/moderation/priority.ts";
import { openQueueItem } from "#server/moderation/queue.ts";
import { readSetting } from "#server/settings/store.ts";

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

/** Repeat image attempts (setting `moderation.repeat_image`): once the member's removals in the
 *  last `hours` reach `count`, their posting is paused, an urgent queue item opens and the audit
 *  log says Hearth did it — in one transaction, once (an already paused member is left as is).
 *  The attempt that reaches the threshold is itself handled as any other. */
async function pauseAfterRepeatImages(db: Db, memberId: string) {
  const { count: threshold, hours } = await readSetting(db, "moderation.repeat_image");
  const since = sql`now() - make_interval(hours => ${hours})`;
  const [row] = await db
    .select({ n: count() })
    .from(mediaRemovals)
    .where(and(eq(mediaRemovals.memberId, memberId), gte(mediaRemovals.createdAt, since)));
  const removals = row?.n ?? 0;
  if (removals < threshold) return;
  await db.transaction(async (tx) => {
    const [paused] = await tx
      .update(members)
      .set({ postingPausedAt: sql`now()` })
      .where(and(eq(members.id, memberId), isNull(members.postingPausedAt)))
      .returning({ id: members.id });
    if (!paused) return;
    const detail = { removals, hours };
    await openQueueItem(tx, { kind: "repeat_image", target: { member: memberId }, forumId: null, memberId, priority: PRIORITY.repeatImage, detail });
    await audit(tx, SYSTEM, { action: "member.posting_paused", targetKind: "member", targetId: memberId, detail });
  });
}
