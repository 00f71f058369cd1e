// /t/:threadId: posts in order, 25 a page, each with its author, times, edited marker, content
// warning and attachments — in one query, with HTML rendered at write time (never on read).
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client.ts";
import { preparedPer } from "#db/prepared.ts";
import { attachments, blocks, forums, members, posts, threadReads, threads } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import { forumVisibleTo, PAGE_SIZE, type Viewer } from "./viewer.ts";
import { isUuid } from "#server/ids.ts";

export type PagePost = {
  id: string;
  authorId: string | null;
  author: string | null;
  bodyHtml: string;
  contentWarning: string | null;
  status: (typeof posts.$inferSelect)["status"];
  createdAt: Date;
  editedAt: Date | null;
  blocked: boolean;
  attachments: Array<{ id: string; name: string; size: number }>;
};

// The thread with its forum, if the viewer may see it, and optionally one page of its posts.
// Prepared (db/prepared.ts): every thread page, reply, edit and report runs it. A null viewer
// (signed out) matches no read marker or block, and sees public forums only.
function threadQuery(db: DbOrTx, withPosts: boolean) {
  const viewerId = sql.placeholder("viewerId");
  return db
    .select({
      thread: threads,
      forum: { slug: forums.slug, names: forums.names, visibility: forums.visibility },
      // Whether the viewer has already read up to the latest post (no read-marker write needed).
      readUpToDate: sql<boolean>`coalesce(${threadReads.lastReadAt} >= ${threads.lastActivityAt}, false)`,
      // The viewer's own waiting posts, which the thread's post count leaves out (posting.ts).
      ownPending: sql<number>`(select count(*)::int from ${posts} where ${posts.threadId} = ${threads.id} and ${posts.status} = 'pending' and ${posts.authorId} = ${viewerId})`,
      posts: withPosts ? postsOnPage(db, viewerId) : sql<null>`null`,
    })
    .from(threads)
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.memberId, viewerId)))
    .where(
      and(
        eq(threads.id, sql.placeholder("threadId")),
        // A thread waiting for a moderator exists for its author only; to anyone else it is 404.
        or(eq(threads.status, "visible"), and(eq(threads.status, "pending"), eq(threads.authorId, viewerId))),
        forumVisibleTo(sql`${viewerId}::uuid`),
      ),
    )
    .prepare(withPosts ? "hearth_thread_page" : "hearth_thread_for_viewer");
}

// One page of the thread's posts as a JSON array, in the same query as the thread (one round trip
// a page): visible and deleted posts for everyone, pending ones for their author only; whether
// the viewer blocked each author; attachments. Each column is named for its JSON key.
function postsOnPage(db: DbOrTx, viewerId: ReturnType<typeof sql.placeholder>) {
  const page = db
    .select({
      id: sql`${posts.id}`.as("id"),
      authorId: sql`${posts.authorId}`.as("authorId"),
      author: sql`${members.pseudonym}`.as("author"),
      bodyHtml: sql`${posts.bodyHtml}`.as("bodyHtml"),
      contentWarning: sql`${posts.contentWarning}`.as("contentWarning"),
      status: sql`${posts.status}`.as("status"),
      createdAt: sql`${posts.createdAt}`.as("createdAt"),
      editedAt: sql`${posts.editedAt}`.as("editedAt"),
      blocked: sql`${blocks.blockerId} is not null`.as("blocked"),
      attachments: sql`coalesce((
        select json_agg(json_build_object('id', a.id, 'name', a.name, 'size', a.size) order by a.created_at)
        from ${attachments} a where a.post_id = ${posts.id}), '[]'::json)`.as("attachments"),
    })
    .from(posts)
    .leftJoin(members, eq(members.id, posts.authorId))
    .leftJoin(blocks, and(eq(blocks.blockerId, viewerId), eq(blocks.blockedId, posts.authorId)))
    .where(
      and(eq(posts.threadId, threads.id), or(inArray(posts.status, ["visible", "deleted"]), and(eq(posts.status, "pending"), eq(posts.authorId, viewerId)))),
    )
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .limit(PAGE_SIZE)
    .offset(sql.placeholder("offset"));
  return sql<
    Array<Omit<PagePost, "createdAt" | "editedAt"> & { createdAt: string; editedAt: string | null }>
  >`(select coalesce(json_agg(p), '[]'::json) from (${page}) p)`;
}

const threadForViewer = preparedPer((db) => threadQuery(db, false));
const threadWithPage = preparedPer((db) => threadQuery(db, true));

export async function findThread(db: DbOrTx, viewer: Viewer, threadId: string) {
  if (!isUuid(threadId)) return null;
  const [row] = await threadForViewer(db).execute({ threadId, viewerId: viewer?.id ?? null });
  return row ?? null;
}

/** `page` may be "last" (where a new reply lands). */
export async function threadPage(db: Db, viewer: Viewer, threadId: string, requested: number | "last") {
  if (!isUuid(threadId)) throw new NotFound();
  const viewerId = viewer?.id ?? null;
  const read = async (page: number) => (await threadWithPage(db).execute({ threadId, viewerId, offset: (page - 1) * PAGE_SIZE }))[0];
  // A numbered page, the usual case, is one query. The last page needs the thread's post count
  // first: the thread alone, then that page (not page 1's posts read and thrown away).
  let found = requested === "last" ? (await threadForViewer(db).execute({ threadId, viewerId }))[0] : await read(requested);
  if (!found) throw new NotFound();
  // The thread's own post counter, kept with every reply, counts what everyone sees; the
  // viewer's own waiting posts are on their pages too.
  const pages = Math.max(1, Math.ceil((found.thread.postCount + found.ownPending) / PAGE_SIZE));
  const page = requested === "last" ? pages : Math.min(requested, pages);
  if (page !== requested) found = await read(page);
  if (!found) throw new NotFound();
  const rows: PagePost[] = (found.posts ?? []).map((p) => ({
    ...p,
    createdAt: new Date(p.createdAt),
    editedAt: p.editedAt === null ? null : new Date(p.editedAt),
  }));
  if (viewer && !found.readUpToDate) {
    // Copied in SQL: a JavaScript Date would drop PostgreSQL's microseconds and leave it "unread".
    const activity = sql`(select ${threads.lastActivityAt} from ${threads} where ${threads.id} = ${threadId})`;
    await db
      .insert(threadReads)
      .values({ memberId: viewer.id, threadId, lastReadAt: activity })
      .onConflictDoUpdate({ target: [threadReads.memberId, threadReads.threadId], set: { lastReadAt: activity } });
  }
  return { thread: found.thread, forum: found.forum, readUpToDate: found.readUpToDate, posts: rows, page, pages };
}

/** A text attachment, if the viewer may see the post it belongs to. */
export async function findAttachment(db: Db, viewer: Viewer, attachmentId: string) {
  if (!isUuid(attachmentId)) throw new NotFound();
  const [row] = await db
    .select({ name: attachments.name, content: attachments.content, threadId: posts.threadId, status: posts.status, authorId: posts.authorId })
    .from(attachments)
    .innerJoin(posts, eq(posts.id, attachments.postId))
    .where(eq(attachments.id, attachmentId));
  const allowed =
    row && (row.status === "visible" || (row.status === "pending" && viewer?.id === row.authorId)) && (await findThread(db, viewer, row.threadId));
  if (!allowed) throw new NotFound();
  return { name: row.name, content: row.content };
}
