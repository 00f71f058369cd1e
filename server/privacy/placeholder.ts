// What erasure leaves where a member's writing was (issue 12): their posts become "removed by its
// author" placeholders with no text, as deleting one's own post does (server/forums/editing.ts),
// so that others' replies keep their place; a thread they started keeps others' replies under a
// neutral title, since a title is the member's own text. What was never shown to anyone (a post
// or thread still waiting for a moderator) goes entirely, as it does when its author deletes it.
// The same thread placeholder is what a thread gets when its author deletes its opening post or
// that post expires (editing.ts, server/retention/expiry.ts): /privacy keeps a title only until then.
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "#db/client.ts";

/** The title a thread keeps when its author is erased (or deletes its opening post). Stored text,
 *  read later by members of either language, so in both: Hearth's two languages, one title. */
export const ERASED_THREAD_TITLE = "Removed by its author · 已被作者删除";

/** The threads matched by `which` (a condition on `threads`) keep neither their author's title
 *  nor content warning; the title's copies in members' moderation histories (moderation_events.
 *  context, "in the thread …") go too, other members' histories included. The author goes too
 *  when the member is erased; a member who only deleted (or let expire) their opening post is
 *  still its author, so that moderators still find reports about the thread on their page. */
export async function eraseThreadText(tx: Tx, which: SQL, opts: { keepAuthor?: boolean } = {}) {
  await tx.execute(sql`
    with erased as (
      update threads set title = ${ERASED_THREAD_TITLE}, content_warning = null${opts.keepAuthor ? sql`` : sql`, author_id = null`}
      where ${which} returning id)
    update moderation_events set context = ${ERASED_THREAD_TITLE} where thread_id in (select id from erased)`);
}

/** A thread's post_count is what its pages list to everyone: visible posts and "removed by its
 *  author" placeholders (server/forums/thread-page.ts pages by it). Deleting one's own post keeps
 *  the count (the placeholder keeps its place); a waiting thread counts nothing until approved.
 *  Recounted for `threadIds` after posts were turned into placeholders in bulk. */
export async function recountThreads(tx: Tx, threadIds: readonly string[]) {
  if (threadIds.length === 0) return;
  await tx.execute(sql`
    update threads t set post_count = (select count(*)::int from posts p where p.thread_id = t.id and p.status in ('visible', 'deleted'))
    where t.status <> 'pending' and t.id in (${sql.join(
      threadIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
}

async function threads(tx: Tx, memberId: string) {
  await tx.execute(sql`delete from threads where author_id = ${memberId} and status = 'pending'`);
  await eraseThreadText(tx, sql`author_id = ${memberId}`);
}

async function posts(tx: Tx, memberId: string) {
  await tx.execute(sql`delete from posts where author_id = ${memberId} and status = 'pending'`);
  // A visible post becomes the author's placeholder; one a moderator hid or removed stays out of
  // view as it was (never shown as if its author had deleted it), without its text.
  const changed = await tx.execute<{ thread_id: string }>(sql`
    update posts set status = case when status = 'visible' then 'deleted'::post_status else status end,
                     body_source = '', body_html = '', content_warning = null,
                     idempotency_key = gen_random_uuid()::text, edited_at = now(), author_id = null
    where author_id = ${memberId} returning thread_id`);
  await recountThreads(tx, [...new Set(changed.rows.map((row) => row.thread_id))]);
}

/** Per table whose map entry says `placeholder`, in the order erase.ts runs them (posts first: the
 *  member's thread rows, which others' replies update, are then held only for the last steps);
 *  erase.ts fails on a table missing here. */
export const PLACEHOLDERS: Readonly<Record<string, (tx: Tx, memberId: string) => Promise<void>>> = { posts, threads };
