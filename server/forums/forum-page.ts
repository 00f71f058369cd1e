// /f/:forumSlug: threads, pinned first then by last activity, 25 a page, with unread markers.
// A thread waiting for a moderator is listed for its author only, marked as waiting.
import { and, count, desc, eq, or, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { members, threadReads, threads } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import { findForum } from "./list.ts";
import { PAGE_SIZE, type Viewer } from "./viewer.ts";

export async function forumPage(db: Db, viewer: Viewer, slug: string, page: number) {
  const forum = await findForum(db, viewer, slug);
  if (!forum) throw new NotFound();
  const own = viewer ? and(eq(threads.status, "pending"), eq(threads.authorId, viewer.id)) : undefined;
  const visible = and(eq(threads.forumId, forum.id), or(eq(threads.status, "visible"), own));
  const readJoin = viewer ? and(eq(threadReads.threadId, threads.id), eq(threadReads.memberId, viewer.id)) : sql`false`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: threads.id,
        title: threads.title,
        contentWarning: threads.contentWarning,
        pinned: threads.pinned,
        postCount: threads.postCount,
        lastActivityAt: threads.lastActivityAt,
        author: members.pseudonym,
        pending: sql<boolean>`${threads.status} = 'pending'`,
        unread: sql<boolean>`${viewer !== null} and (${threadReads.lastReadAt} is null or ${threadReads.lastReadAt} < ${threads.lastActivityAt})`,
      })
      .from(threads)
      .leftJoin(members, eq(members.id, threads.authorId))
      .leftJoin(threadReads, readJoin)
      .where(visible)
      .orderBy(desc(threads.pinned), desc(threads.lastActivityAt), desc(threads.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(threads).where(visible),
  ]);
  return { forum, threads: rows, page, pages: Math.max(1, Math.ceil((total?.n ?? 0) / PAGE_SIZE)) };
}
