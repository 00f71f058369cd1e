// The export's content sections: the member's threads, their posts (the markdown as written and
// the text it renders to, with the text files attached, read for each page of posts) and their
// chat messages. Read in pages (pages.ts), oldest first.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { attachments, chatMessages, chatRooms, forums, posts, threads } from "#db/schema.ts";
import { afterTime, cursorText, type Item, PAGE, timed } from "./pages.ts";
import { renderedText } from "./post-text.ts";

export function threadPages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(threads.createdAt),
        id: threads.id,
        forumId: threads.forumId,
        forum: forums.slug,
        title: threads.title,
        contentWarning: threads.contentWarning,
        status: threads.status,
        pinned: threads.pinned,
        locked: threads.locked,
        postCount: threads.postCount,
        createdAt: threads.createdAt,
        lastActivityAt: threads.lastActivityAt,
      })
      .from(threads)
      .innerJoin(forums, eq(forums.id, threads.forumId))
      .where(and(eq(threads.authorId, memberId), afterTime(threads.createdAt, threads.id, after)))
      .orderBy(asc(threads.createdAt), asc(threads.id))
      .limit(PAGE),
  );
}

/** Posts with the thread's title for context, the markdown and its rendered text (never the
 *  stored HTML itself: `text` is what it shows), and their attachments. */
export async function* postPages(db: Db, memberId: string): AsyncGenerator<Item[]> {
  const rows = timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(posts.createdAt),
        id: posts.id,
        threadId: posts.threadId,
        threadTitle: threads.title,
        status: posts.status,
        contentWarning: posts.contentWarning,
        markdown: posts.bodySource,
        html: posts.bodyHtml,
        createdAt: posts.createdAt,
        editedAt: posts.editedAt,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(and(eq(posts.authorId, memberId), afterTime(posts.createdAt, posts.id, after)))
      .orderBy(asc(posts.createdAt), asc(posts.id))
      .limit(PAGE),
  );
  for await (const page of rows) {
    const files = await attachmentsOf(
      db,
      page.map((p) => p.id as string),
    );
    yield page.map(({ html, ...post }) => ({ ...post, text: renderedText(html as string), attachments: files.get(post.id as string) ?? [] }));
  }
}

async function attachmentsOf(db: Db, postIds: string[]) {
  const byPost = new Map<string, Item[]>();
  if (postIds.length === 0) return byPost;
  const rows = await db
    .select({
      id: attachments.id,
      postId: attachments.postId,
      name: attachments.name,
      size: attachments.size,
      sha256: attachments.sha256,
      createdAt: attachments.createdAt,
      content: attachments.content,
    })
    .from(attachments)
    .where(inArray(attachments.postId, postIds))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  for (const { postId, createdAt, ...file } of rows) {
    const list = byPost.get(postId) ?? [];
    list.push({ ...file, createdAt: createdAt.toISOString() });
    byPost.set(postId, list);
  }
  return byPost;
}

/** Chat messages, removed ones too (they are still held until the room's retention ends). */
export function chatMessagePages(db: Db, memberId: string) {
  return timed(async (after) =>
    db
      .select({
        cursorAt: cursorText(chatMessages.createdAt),
        id: chatMessages.id,
        room: chatRooms.slug,
        seq: chatMessages.seq,
        status: chatMessages.status,
        body: chatMessages.body,
        createdAt: chatMessages.createdAt,
        removedAt: chatMessages.removedAt,
      })
      .from(chatMessages)
      .innerJoin(chatRooms, eq(chatRooms.id, chatMessages.roomId))
      .where(and(eq(chatMessages.authorId, memberId), afterTime(chatMessages.createdAt, chatMessages.id, after)))
      .orderBy(asc(chatMessages.createdAt), asc(chatMessages.id))
      .limit(PAGE),
  );
}
