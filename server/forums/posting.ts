// New threads and replies. One transaction each; a repeated form (same idempotency key) returns
// the post it already made instead of making another.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client.ts";
import { attachments, posts, threads } from "#db/schema.ts";
import { createHash } from "node:crypto";
import type { Throttle } from "#server/auth/throttle.ts";
import { requireParticipant } from "#server/authz/guard.ts";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { composePost, type Upload } from "./compose.ts";
import { findForum } from "./list.ts";
import { notifyMentions } from "./mentions.ts";
import { replyForm, threadForm } from "./post-forms.ts";
import { findThread } from "./thread-page.ts";
import type { Viewer } from "./viewer.ts";

export interface PostingDeps {
  db: Db;
  throttle: Throttle;
  onMentioned?: (memberIds: string[]) => void;
}

type Member = NonNullable<Viewer>;
type FormInput = FormData | Record<string, unknown>;

class AlreadyPosted extends Error {}

// A suspended member (or one whose posting is paused) reads but does not post. The session's
// member carries their standing; callers with only an id and a role (factories) skip the check.
function hasStanding(member: Member): member is Member & Actor {
  return "status" in member && "suspendedUntil" in member && "postingPaused" in member;
}

async function existingPost(db: Db, authorId: string, key: string) {
  const [post] = await db
    .select({ id: posts.id, threadId: posts.threadId })
    .from(posts)
    .where(and(eq(posts.authorId, authorId), eq(posts.idempotencyKey, key)));
  return post ?? null;
}

async function storeAttachment(tx: Tx, postId: string, file: { name: string; content: string; size: number } | null) {
  if (!file) return;
  const sha256 = createHash("sha256").update(file.content).digest("hex");
  await tx.insert(attachments).values({ postId, name: file.name, content: file.content, size: file.size, sha256 });
}

export async function createThread(deps: PostingDeps, member: Member, forumSlug: string, data: FormInput, upload?: Upload | null) {
  if (hasStanding(member)) requireParticipant(member, "post.create");
  const form = parseForm(threadForm, data);
  const forum = await findForum(deps.db, member, forumSlug);
  if (!forum) throw new NotFound();
  const again = await existingPost(deps.db, member.id, form.idempotencyKey);
  if (again) return { threadId: again.threadId, postId: again.id, notices: [], repeated: true };
  await deps.throttle.posting(member.id);
  // Judged, recorded and rendered before the transaction: see compose.ts.
  const composed = await composePost(deps.db, member.id, { ...form, upload });
  try {
    const result = await deps.db.transaction(async (tx) => {
      const [thread] = await tx
        .insert(threads)
        .values({ forumId: forum.id, authorId: member.id, title: composed.title!, contentWarning: composed.contentWarning, postCount: 1 })
        .returning({ id: threads.id });
      const [post] = await tx
        .insert(posts)
        .values({ threadId: thread!.id, authorId: member.id, ...pick(composed), idempotencyKey: form.idempotencyKey })
        .onConflictDoNothing()
        .returning({ id: posts.id });
      if (!post) throw new AlreadyPosted();
      await storeAttachment(tx, post.id, composed.attachment);
      const mentioned = await notifyMentions(tx, { postId: post.id, authorId: member.id, source: composed.bodySource });
      return { threadId: thread!.id, postId: post.id, notices: composed.notices, mentioned };
    });
    deps.onMentioned?.(result.mentioned);
    return { ...result, repeated: false };
  } catch (err) {
    if (!(err instanceof AlreadyPosted)) throw err;
    const post = (await existingPost(deps.db, member.id, form.idempotencyKey))!;
    return { threadId: post.threadId, postId: post.id, notices: [], repeated: true };
  }
}

export async function reply(deps: PostingDeps, member: Member, threadId: string, data: FormInput, upload?: Upload | null) {
  if (hasStanding(member)) requireParticipant(member, "post.create");
  const form = parseForm(replyForm, data);
  const found = await findThread(deps.db, member, threadId);
  if (!found) throw new NotFound();
  // A locked thread takes no replies from members (moderators and admins may still close it off).
  if (found.thread.locked && member.role === "member") throw new Invalid({}, "mod.locked");
  const again = await existingPost(deps.db, member.id, form.idempotencyKey);
  if (again) return { threadId, postId: again.id, notices: [], repeated: true };
  await deps.throttle.posting(member.id);
  const composed = await composePost(deps.db, member.id, { ...form, upload });
  const result = await deps.db.transaction(async (tx) => {
    const [post] = await tx
      .insert(posts)
      .values({ threadId, authorId: member.id, ...pick(composed), idempotencyKey: form.idempotencyKey })
      .onConflictDoNothing()
      .returning({ id: posts.id });
    if (!post) return null;
    await tx
      .update(threads)
      .set({ lastActivityAt: sql`now()`, postCount: sql`${threads.postCount} + 1` })
      .where(eq(threads.id, threadId));
    await storeAttachment(tx, post.id, composed.attachment);
    const mentioned = await notifyMentions(tx, { postId: post.id, authorId: member.id, source: composed.bodySource });
    return { postId: post.id, notices: composed.notices, mentioned };
  });
  if (!result) {
    const post = (await existingPost(deps.db, member.id, form.idempotencyKey))!;
    return { threadId, postId: post.id, notices: [], repeated: true };
  }
  deps.onMentioned?.(result.mentioned);
  return { threadId, postId: result.postId, notices: result.notices, repeated: false };
}

function pick(c: { bodySource: string; bodyHtml: string; sanitizerVersion: string; contentWarning: string | null }) {
  return { bodySource: c.bodySource, bodyHtml: c.bodyHtml, sanitizerVersion: c.sanitizerVersion, contentWarning: c.contentWarning };
}
