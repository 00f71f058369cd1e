// The export's moderation sections: mutes in chat rooms, the reports the member filed, what they
// were told moderators did (their history), their appeals and the decisions, and, for members
// who moderate or administer, the actions they took (their audit rows) and the invitations they
// made. Never who moderated them, who reported them, or moderators' notes (member-data.ts).
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { appeals, auditLog, chatMutes, chatRooms, invites, moderationEvents, reports } from "#db/schema.ts";
import { afterKey, afterTime, cursorText, datesAsText, type Item, PAGE, pages, timed } from "./pages.ts";

export async function* chatMutePages(db: Db, memberId: string): AsyncGenerator<Item[]> {
  for await (const rows of pages((after: { roomId: string } | null) =>
    db
      .select({ roomId: chatMutes.roomId, room: chatRooms.slug, until: chatMutes.until, createdAt: chatMutes.createdAt })
      .from(chatMutes)
      .innerJoin(chatRooms, eq(chatRooms.id, chatMutes.roomId))
      .where(and(eq(chatMutes.memberId, memberId), afterKey(chatMutes.roomId, after?.roomId ?? null)))
      .orderBy(asc(chatMutes.roomId))
      .limit(PAGE),
  ))
    yield rows.map(datesAsText);
}

export function reportPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(reports.createdAt),
        id: reports.id,
        targetKind: reports.targetKind,
        postId: reports.postId,
        threadId: reports.threadId,
        memberId: reports.memberId,
        messageId: reports.messageId,
        reason: reports.reason,
        note: reports.note,
        createdAt: reports.createdAt,
        resolvedAt: reports.resolvedAt,
      })
      .from(reports)
      .where(and(eq(reports.reporterId, memberId), afterTime(reports.createdAt, reports.id, after)))
      .orderBy(asc(reports.createdAt), asc(reports.id))
      .limit(PAGE),
  );
}

export function moderationHistoryPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(moderationEvents.createdAt),
        id: moderationEvents.id,
        kind: moderationEvents.kind,
        reason: moderationEvents.reason,
        postId: moderationEvents.postId,
        threadId: moderationEvents.threadId,
        context: moderationEvents.context,
        until: moderationEvents.until,
        createdAt: moderationEvents.createdAt,
      })
      .from(moderationEvents)
      .where(and(eq(moderationEvents.memberId, memberId), afterTime(moderationEvents.createdAt, moderationEvents.id, after)))
      .orderBy(asc(moderationEvents.createdAt), asc(moderationEvents.id))
      .limit(PAGE),
  );
}

/** Appeals with the decision and its response, not who decided (moderators are not named). */
export function appealPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(appeals.createdAt),
        id: appeals.id,
        eventId: appeals.eventId,
        note: appeals.note,
        createdAt: appeals.createdAt,
        decidedAt: appeals.decidedAt,
        outcome: appeals.outcome,
        response: appeals.response,
      })
      .from(appeals)
      .where(and(eq(appeals.memberId, memberId), afterTime(appeals.createdAt, appeals.id, after)))
      .orderBy(asc(appeals.createdAt), asc(appeals.id))
      .limit(PAGE),
  );
}

/** The member's own actions as a moderator or admin, as the audit log keeps them. */
export async function* moderatorActionPages(db: Db, memberId: string): AsyncGenerator<Item[]> {
  for await (const rows of pages((after: { id: number } | null) =>
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        targetKind: auditLog.targetKind,
        targetId: auditLog.targetId,
        forumId: auditLog.forumId,
        reason: auditLog.reason,
        detail: auditLog.detail,
      })
      .from(auditLog)
      .where(and(eq(auditLog.actorKind, "member"), eq(auditLog.actorId, memberId), afterKey(auditLog.id, after?.id ?? null)))
      .orderBy(asc(auditLog.id))
      .limit(PAGE),
  ))
    yield rows.map(datesAsText);
}

/** Invitations the member made as an admin, with their own label (never the code: only its hash is kept). */
export function invitationCreatedPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(invites.createdAt),
        id: invites.id,
        label: invites.label,
        createdAt: invites.createdAt,
        usedAt: invites.usedAt,
        revokedAt: invites.revokedAt,
      })
      .from(invites)
      .where(and(eq(invites.createdBy, memberId), afterTime(invites.createdAt, invites.id, after)))
      .orderBy(asc(invites.createdAt), asc(invites.id))
      .limit(PAGE),
  );
}
