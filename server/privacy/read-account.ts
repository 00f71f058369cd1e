// The export's account sections (server/privacy/member-data.ts): the profile and settings, the
// sessions, recovery codes, the invitation used to join, the forums moderated, blocks, read
// markers, notifications and images removed. Hashes of secrets are never read: they are of no
// use to anyone reading the file, and the export says that they are kept.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { blocks, forums, invites, mediaRemovals, members, moderatorForums, notifications, recoveryCodes, sessions, threadReads, threads } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import { afterKey, afterTime, cursorText, type Item, iso, PAGE, pages, timed } from "./pages.ts";

/** The member's own row: who they are, their standing and their preferences. */
export async function profile(db: Db, memberId: string): Promise<Item> {
  const [row] = await db
    .select({
      id: members.id,
      pseudonym: members.pseudonym,
      role: members.role,
      status: members.status,
      locale: members.locale,
      createdAt: members.createdAt,
      suspendedUntil: members.suspendedUntil,
      postingPausedAt: members.postingPausedAt,
      approvedPosts: members.approvedPosts,
      openContentWarnings: members.openContentWarnings,
      quickExitSignsOut: members.quickExitSignsOut,
      postsExpireDays: members.postsExpireDays,
      chatExpireDays: members.chatExpireDays,
    })
    .from(members)
    .where(eq(members.id, memberId));
  if (!row) throw new NotFound();
  return {
    id: row.id,
    pseudonym: row.pseudonym,
    role: row.role,
    status: row.status,
    locale: row.locale,
    createdAt: iso(row.createdAt),
    suspendedUntil: iso(row.suspendedUntil),
    postingPausedAt: iso(row.postingPausedAt),
    approvedPosts: row.approvedPosts,
    preferences: {
      openContentWarnings: row.openContentWarnings,
      quickExitSignsOut: row.quickExitSignsOut,
      // Days after which the member's posts and chat messages are deleted; null: kept.
      postsExpireDays: row.postsExpireDays,
      chatExpireDays: row.chatExpireDays,
    },
  };
}

export function sessionPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({ cursorAt: cursorText(sessions.createdAt), id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      // Session ids are text (a token's hash), compared as text after the time.
      .where(
        and(eq(sessions.memberId, memberId), after ? sql`(${sessions.createdAt}, ${sessions.id}) > (${after.cursorAt}::timestamptz, ${after.id})` : sql`true`),
      )
      .orderBy(asc(sessions.createdAt), asc(sessions.id))
      .limit(PAGE),
  );
}

export function recoveryCodePages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({ cursorAt: cursorText(recoveryCodes.createdAt), id: recoveryCodes.id, createdAt: recoveryCodes.createdAt, usedAt: recoveryCodes.usedAt })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.memberId, memberId), afterTime(recoveryCodes.createdAt, recoveryCodes.id, after)))
      .orderBy(asc(recoveryCodes.createdAt), asc(recoveryCodes.id))
      .limit(PAGE),
  );
}

/** The invitation the member joined with (the admin's label for it stays the admin's). */
export function invitationUsedPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({ cursorAt: cursorText(invites.createdAt), id: invites.id, usedAt: invites.usedAt })
      .from(invites)
      .where(and(eq(invites.usedBy, memberId), afterTime(invites.createdAt, invites.id, after)))
      .orderBy(asc(invites.createdAt), asc(invites.id))
      .limit(PAGE),
  );
}

export async function* moderatedForumPages(db: Db, memberId: string): AsyncGenerator<Item[]> {
  yield* pages<Item & { forumId: string }>((after) =>
    db
      .select({ forumId: moderatorForums.forumId, forum: forums.slug })
      .from(moderatorForums)
      .innerJoin(forums, eq(forums.id, moderatorForums.forumId))
      .where(and(eq(moderatorForums.memberId, memberId), afterKey(moderatorForums.forumId, after?.forumId ?? null)))
      .orderBy(asc(moderatorForums.forumId))
      .limit(PAGE),
  );
}

/** Whom the member blocks, by their pseudonym now. */
export async function* blockPages(db: Db, memberId: string): AsyncGenerator<Item[]> {
  for await (const rows of pages((after: { blockedId: string } | null) =>
    db
      .select({ blockedId: blocks.blockedId, pseudonym: members.pseudonym, createdAt: blocks.createdAt })
      .from(blocks)
      .innerJoin(members, eq(members.id, blocks.blockedId))
      .where(and(eq(blocks.blockerId, memberId), afterKey(blocks.blockedId, after?.blockedId ?? null)))
      .orderBy(asc(blocks.blockedId))
      .limit(PAGE),
  ))
    yield rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
}

export async function* threadReadPages(db: Db, memberId: string): AsyncGenerator<Item[]> {
  for await (const rows of pages((after: { threadId: string } | null) =>
    db
      .select({ threadId: threadReads.threadId, threadTitle: threads.title, lastReadAt: threadReads.lastReadAt })
      .from(threadReads)
      .innerJoin(threads, eq(threads.id, threadReads.threadId))
      .where(and(eq(threadReads.memberId, memberId), afterKey(threadReads.threadId, after?.threadId ?? null)))
      .orderBy(asc(threadReads.threadId))
      .limit(PAGE),
  ))
    yield rows.map((r) => ({ ...r, lastReadAt: iso(r.lastReadAt) }));
}

/** Mentions (with who mentioned them) and moderation notices. */
export function notificationPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(notifications.createdAt),
        id: notifications.id,
        kind: notifications.kind,
        postId: notifications.postId,
        eventId: notifications.eventId,
        from: members.pseudonym,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .leftJoin(members, eq(members.id, notifications.actorId))
      .where(and(eq(notifications.memberId, memberId), afterTime(notifications.createdAt, notifications.id, after)))
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .limit(PAGE),
  );
}

export function mediaRemovalPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(mediaRemovals.createdAt),
        id: mediaRemovals.id,
        channel: mediaRemovals.channel,
        format: mediaRemovals.format,
        size: mediaRemovals.size,
        sha256: mediaRemovals.sha256,
        createdAt: mediaRemovals.createdAt,
      })
      .from(mediaRemovals)
      .where(and(eq(mediaRemovals.memberId, memberId), afterTime(mediaRemovals.createdAt, mediaRemovals.id, after)))
      .orderBy(asc(mediaRemovals.createdAt), asc(mediaRemovals.id))
      .limit(PAGE),
  );
}
