// What an open thread page is told about its posts (docs/realtime.md, "Live pages"): a post that
// is now visible (a new reply, an edit, an approval, a restore) goes out whole as `thread:post`;
// one that stops being visible (removed, hidden, deleted, or an edit that waits for a moderator)
// as `thread:removed`. Called only once the change has committed, never inside a transaction:
// a rolled-back change must reach no screen. A post that waits for a moderator pushes nothing,
// so readers cannot tell one was ever written.
import { and, asc, eq } from "drizzle-orm";
import type { LivePost } from "#app/contracts/events.ts";
import type { DbOrTx } from "#db/client.ts";
import { attachments, members, posts } from "#db/schema.ts";
import type { Live } from "#server/live.ts";

export interface LivePostRow {
  id: string;
  threadId: string;
  author: string | null;
  bodyHtml: string;
  contentWarning: string | null;
  createdAt: Date;
  editedAt: Date | null;
  attachments: Array<{ id: string; name: string; size: number }>;
}

/** A post as the page shows it: the stored, sanitized HTML, the same for every reader. */
export function livePost(row: LivePostRow): LivePost {
  return {
    id: row.id,
    threadId: row.threadId,
    author: row.author,
    bodyHtml: row.bodyHtml,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt ? row.editedAt.toISOString() : null,
    contentWarning: row.contentWarning,
    attachments: row.attachments,
  };
}

/** The post, if it is visible now (what every reader of its thread may see). */
export async function readLivePost(db: DbOrTx, postId: string): Promise<LivePost | null> {
  const [post] = await db
    .select({
      id: posts.id,
      threadId: posts.threadId,
      author: members.pseudonym,
      bodyHtml: posts.bodyHtml,
      contentWarning: posts.contentWarning,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
    })
    .from(posts)
    .leftJoin(members, eq(members.id, posts.authorId))
    .where(and(eq(posts.id, postId), eq(posts.status, "visible")));
  if (!post) return null;
  const files = await db
    .select({ id: attachments.id, name: attachments.name, size: attachments.size })
    .from(attachments)
    .where(eq(attachments.postId, postId))
    .orderBy(asc(attachments.createdAt));
  return livePost({ ...post, attachments: files });
}

export interface PostChanges {
  /** Posts that are visible now: each is read again and pushed whole. */
  shown?: string[];
  /** Posts that were visible and are not any more. */
  gone?: Array<{ threadId: string; postId: string }>;
}

/** Tells the threads' open pages, after the commit. A failed push fails nothing: the change
 *  stands, and a page that missed it catches up when it reconnects (it reloads its data). */
export async function pushPostChanges(deps: { db: DbOrTx; live: Live }, changes: PostChanges) {
  for (const postId of new Set(changes.shown ?? [])) {
    const post = await readLivePost(deps.db, postId).catch(() => null);
    // Read after the commit: a post hidden again meanwhile is not pushed.
    if (post) await deps.live.push({ thread: post.threadId }, "thread:post", post).catch(() => undefined);
  }
  for (const removed of changes.gone ?? []) await deps.live.push({ thread: removed.threadId }, "thread:removed", removed).catch(() => undefined);
}
