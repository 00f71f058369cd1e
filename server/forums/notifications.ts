// /notifications: mentions of the member and their private moderation notices (a removal, a
// warning, a suspension, an appeal's outcome), newest first, and the unread count for the header.
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "#db/client.ts";
import { appeals, members, moderationEvents, notifications, posts, threads } from "#db/schema.ts";

const eventThread = alias(threads, "event_thread");

export async function unreadCount(db: Db, memberId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(db: Db, memberId: string) {
  return (
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        actor: members.pseudonym,
        postId: notifications.postId,
        threadId: threads.id,
        threadTitle: threads.title,
        read: notifications.readAt,
        createdAt: notifications.createdAt,
        // A moderation notice: its event, as the member's history tells it.
        event: {
          kind: moderationEvents.kind,
          reason: moderationEvents.reason,
          thread: sql<string | null>`coalesce(${moderationEvents.context}, ${eventThread.title})`,
          until: moderationEvents.until,
        },
        // An appeal's outcome is a second notice on the same event, written with the decision (in
        // its transaction, so at the same `now()`); the event's own notice is older than that.
        outcome: sql<
          "upheld" | "overturned" | null
        >`case when ${appeals.decidedAt} is not null and ${notifications.createdAt} >= ${appeals.decidedAt} then ${appeals.outcome} end`,
        response: appeals.response,
      })
      .from(notifications)
      .leftJoin(members, eq(members.id, notifications.actorId))
      // A mention names its thread only while the post and the thread are still shown: a title
      // removed for identifying someone must not live on in notifications.
      .leftJoin(posts, and(eq(posts.id, notifications.postId), eq(posts.status, "visible")))
      .leftJoin(threads, and(eq(threads.id, posts.threadId), eq(threads.status, "visible")))
      .leftJoin(moderationEvents, eq(moderationEvents.id, notifications.eventId))
      .leftJoin(eventThread, eq(eventThread.id, moderationEvents.threadId))
      .leftJoin(appeals, eq(appeals.eventId, moderationEvents.id))
      .where(eq(notifications.memberId, memberId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(100)
  );
}

export async function markAllRead(db: Db, memberId: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
}
