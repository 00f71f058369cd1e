// /t/:threadId: posts in order, 25 a page, each with its author, times, edited marker, content
// warning and attachments — in one query, with HTML rendered at write time (never on read).
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { attachments, blocks, forums, members, posts, threadReads, threads } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import { forumVisibleTo, PAGE_SIZE, type Viewer } from "./viewer.ts";

export async function findThread(db: Db, viewer: Viewer, threadId: string) {
  if (!/^[0-9a-f-]{36}$/.test(threadId)) return null;
  const readJoin = viewer ? and(eq(threadReads.threadId, threads.id), eq(threadReads.memberId, viewer.id)) : sql`false`;
  const [row] = await db
    .select({
      thread: threads,
      forum: { slug: forums.slug, names: forums.names, visibility: forums.visibility },
      // Whether the viewer has already read up to the latest post (no read-marker write needed).
      readUpToDate: sql<boolean>`coalesce(${threadReads.lastReadAt} >= ${threads.lastActivityAt}, false)`,
    })
    .from(threads)
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .leftJoin(threadReads, readJoin)
    .where(and(eq(threads.id, threadId), eq(threads.status, "visible"), forumVisibleTo(viewer)));
  return row ?? null;
}

function shownTo(viewer: Viewer) {
  const open = inArray(posts.status, ["visible", "deleted"]);
  return viewer ? or(open, and(eq(posts.status, "pending"), eq(posts.authorId, viewer.id))) : open;
}

/** `page` may be "last" (where a new reply lands). */
export async function threadPage(db: Db, viewer: Viewer, threadId: string, requested: number | "last") {
  const found = await findThread(db, viewer, threadId);
  if (!found) throw new NotFound();
  const where = and(eq(posts.threadId, threadId), shownTo(viewer));
  const blockedJoin = viewer ? and(eq(blocks.blockerId, viewer.id), eq(blocks.blockedId, posts.authorId)) : sql`false`;
  // The post count is the thread's own counter (kept with every reply); pending posts shown only
  // to their author can shift the last page by one post, which is harmless.
  const pages = Math.max(1, Math.ceil(found.thread.postCount / PAGE_SIZE));
  const page = requested === "last" ? pages : Math.min(requested, pages);
  const [rows] = await Promise.all([
    db
      .select({
        id: posts.id,
        authorId: posts.authorId,
        author: members.pseudonym,
        bodyHtml: posts.bodyHtml,
        contentWarning: posts.contentWarning,
        status: posts.status,
        createdAt: posts.createdAt,
        editedAt: posts.editedAt,
        blocked: sql<boolean>`${blocks.blockerId} is not null`,
        attachments: sql<Array<{ id: string; name: string; size: number }>>`coalesce((
          select json_agg(json_build_object('id', a.id, 'name', a.name, 'size', a.size) order by a.created_at)
          from ${attachments} a where a.post_id = ${posts.id}), '[]'::json)`,
      })
      .from(posts)
      .leftJoin(members, eq(members.id, posts.authorId))
      .leftJoin(blocks, blockedJoin)
      .where(where)
      .orderBy(asc(posts.createdAt), asc(posts.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
  ]);
  if (viewer && !found.readUpToDate) {
    // Copied in SQL: a JavaScript Date would drop PostgreSQL's microseconds and leave it "unread".
    const activity = sql`(select ${threads.lastActivityAt} from ${threads} where ${threads.id} = ${threadId})`;
    await db
      .insert(threadReads)
      .values({ memberId: viewer.id, threadId, lastReadAt: activity })
      .onConflictDoUpdate({ target: [threadReads.memberId, threadReads.threadId], set: { lastReadAt: activity } });
  }
  return { ...found, posts: rows, page, pages };
}

/** A text attachment, if the viewer may see the post it belongs to. */
export async function findAttachment(db: Db, viewer: Viewer, attachmentId: string) {
  if (!/^[0-9a-f-]{36}$/.test(attachmentId)) throw new NotFound();
  const [row] = await db
    .select({ name: attachments.name, content: attachments.content, threadId: posts.threadId, status: posts.status, authorId: posts.authorId })
    .from(attachments)
    .innerJoin(posts, eq(posts.id, attachments.postId))
    .where(eq(attachments.id, attachmentId));
  const allowed = row && (row.status === "visible" || (row.status === "pending" && viewer?.id === row.authorId)) && (await findThread(db, viewer, row.threadId));
  if (!allowed) throw new NotFound();
  return { name: row.name, content: row.content };
}
