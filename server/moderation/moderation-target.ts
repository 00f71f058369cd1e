// /mod/posts/:postId and /mod/threads/:threadId: one post or thread as a moderator of its forum
// sees it, whatever its status, with its open queue items and the forums it could move to.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { forums, members, posts, queueItems, threads } from "#db/schema.ts";
import { authorize, type Actor } from "#server/authz/policy.ts";
import { NotFound } from "#server/errors.ts";
import { isUuid } from "#server/ids.ts";
import { forumScope } from "./scope.ts";
import { targetKey } from "./queue.ts";
import type { ContentTarget } from "./targets.ts";

export async function moderationTarget(db: Db, actor: Actor, target: ContentTarget) {
  const id = "post" in target ? target.post : target.thread;
  if (!isUuid(id)) throw new NotFound();
  const [thread] = await db
    .select({ thread: threads, forum: { id: forums.id, slug: forums.slug, names: forums.names } })
    .from(threads)
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .where(eq(threads.id, "post" in target ? db.select({ id: posts.threadId }).from(posts).where(eq(posts.id, id)) : id));
  if (!thread) throw new NotFound();
  authorize(actor, "mod.content", thread.forum.id);
  const [post] = await db
    .select({
      id: posts.id,
      bodyHtml: posts.bodyHtml,
      contentWarning: posts.contentWarning,
      status: posts.status,
      createdAt: posts.createdAt,
      authorId: posts.authorId,
      author: members.pseudonym,
    })
    .from(posts)
    .leftJoin(members, eq(members.id, posts.authorId))
    .where("post" in target ? eq(posts.id, id) : eq(posts.threadId, id))
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .limit(1);
  const key = targetKey("post" in target ? { post: id, thread: thread.thread.id } : { thread: id });
  const [items, movable] = await Promise.all([
    db
      .select({ id: queueItems.id, kind: queueItems.kind, reportCount: queueItems.reportCount, detail: queueItems.detail })
      .from(queueItems)
      .where(and(eq(queueItems.targetKey, key), isNull(queueItems.resolvedAt))),
    db.select({ id: forums.id, slug: forums.slug, names: forums.names }).from(forums).orderBy(asc(forums.position), asc(forums.slug)),
  ]);
  const scope = forumScope(actor);
  return {
    kind: "post" in target ? ("post" as const) : ("thread" as const),
    thread: thread.thread,
    forum: thread.forum,
    post: post ?? null,
    items,
    moveTo: movable.filter((f) => f.id !== thread.forum.id && (scope === null || scope.includes(f.id))),
    /** Member actions (suspend, ban) are for moderators of every forum and admins. */
    actsOnMembers: scope === null,
  };
}
