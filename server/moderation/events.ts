// What a member is told happened to them. Each event is a row of their moderation history
// (/settings/moderation) and a private notification; the caller pushes `notifications:new`
// through the Live port once its transaction has committed.
import type { DbOrTx } from "#db/client.ts";
import { moderationEvents, notifications } from "#db/schema.ts";

export type EventKind = (typeof moderationEvents.$inferSelect)["kind"];

export interface NewEvent {
  memberId: string;
  kind: EventKind;
  reason?: string | null;
  postId?: string | null;
  threadId?: string | null;
  /** The thread's title at the time: the notice still reads when the post is gone. */
  context?: string | null;
  until?: Date | null;
}

/** Events a member may appeal once: a removal (of a post or a held post) and a suspension. */
export const APPEALABLE: readonly EventKind[] = ["removal", "hold_rejected", "suspension"];

export async function recordEvent(db: DbOrTx, event: NewEvent): Promise<string> {
  const [row] = await db
    .insert(moderationEvents)
    .values({
      memberId: event.memberId,
      kind: event.kind,
      reason: event.reason ?? null,
      postId: event.postId ?? null,
      threadId: event.threadId ?? null,
      context: event.context ?? null,
      until: event.until ?? null,
    })
    .returning({ id: moderationEvents.id });
  await db.insert(notifications).values({ memberId: event.memberId, kind: "moderation", eventId: row!.id });
  return row!.id;
}
