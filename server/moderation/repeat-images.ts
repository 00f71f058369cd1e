// Repeat image attempts, wherever they come from (a post, an upload, a chat message): the media
// guard records each removal, and once a member's removals reach the threshold their posting and
// chatting pause until a moderator decides (docs/moderation.md, "Repeat image attempts").
import { and, count, eq, gte, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { mediaRemovals, members } from "#db/schema.ts";
import { readSetting } from "#server/settings/store.ts";
import { audit, SYSTEM } from "./audit.ts";
import { PRIORITY } from "./priority.ts";
import { openQueueItem } from "./queue.ts";

/** Repeat image attempts (setting `moderation.repeat_image`): once the member's removals in the
 *  last `hours` reach `count`, their posting is paused, an urgent queue item opens and the audit
 *  log says Hearth did it — in one transaction, once (an already paused member is left as is).
 *  The attempt that reaches the threshold is itself handled as any other. */
export async function pauseAfterRepeatImages(db: Db, memberId: string) {
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
