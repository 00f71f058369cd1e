// /notifications: mentions of the member, newest first, and the unread count for the header.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { members, notifications, posts, threads } from "#db/schema.ts";

export async function unreadCount(db: Db, memberId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(db: Db, memberId: string) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      actor: members.pseudonym,
      postId: notifications.postId,
      threadId: posts.threadId,
      threadTitle: threads.title,
      read: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .leftJoin(members, eq(members.id, notifications.actorId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(notifications.memberId, memberId))
    .orderBy(desc(notifications.createdAt))
    .limit(100);
}

export async function markAllRead(db: Db, memberId: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
}
