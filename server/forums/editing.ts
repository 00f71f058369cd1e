// Editing and deleting one's own post. Only the author may; a deleted post keeps its place
// ("removed by its author") so replies keep their context, and its text is really deleted.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { attachments, notifications, posts } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { isUuid } from "#server/ids.ts";
import { composePost } from "./compose.ts";
import { editForm } from "./post-forms.ts";
import { findThread } from "./thread-page.ts";
import type { Viewer } from "./viewer.ts";

type Member = NonNullable<Viewer>;

/** The member's own live post, or NotFound (someone else's post is not theirs to see here). */
export async function ownPost(db: Db, member: Member, postId: string) {
  if (!isUuid(postId)) throw new NotFound();
  const [post] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.authorId, member.id), inArray(posts.status, ["visible", "pending"])));
  if (!post || !(await findThread(db, member, post.threadId))) throw new NotFound();
  return post;
}

export async function editPost(db: Db, member: Member, postId: string, data: FormData | Record<string, unknown>) {
  const post = await ownPost(db, member, postId);
  const form = parseForm(editForm, data);
  // Judged, recorded and rendered before the transaction: see compose.ts.
  const composed = await composePost(db, member.id, form);
  return db.transaction(async (tx) => {
    await tx
      .update(posts)
      .set({
        bodySource: composed.bodySource,
        bodyHtml: composed.bodyHtml,
        sanitizerVersion: composed.sanitizerVersion,
        contentWarning: composed.contentWarning,
        editedAt: new Date(),
      })
      .where(eq(posts.id, post.id));
    return { threadId: post.threadId, postId: post.id, notices: composed.notices };
  });
}

export async function deletePost(db: Db, member: Member, postId: string) {
  const post = await ownPost(db, member, postId);
  await db.transaction(async (tx) => {
    await tx.update(posts).set({ status: "deleted", bodySource: "", bodyHtml: "", contentWarning: null, editedAt: new Date() }).where(eq(posts.id, post.id));
    await tx.delete(attachments).where(eq(attachments.postId, post.id));
    await tx.delete(notifications).where(eq(notifications.postId, post.id));
  });
  return { threadId: post.threadId };
}
