// Expiry, the member's own choice (issue 12, /settings/privacy): their posts and their chat
// messages fade 30, 90 or 365 days after they were written. For real: a chat message is deleted;
// a post becomes what deleting it yourself leaves — "removed by its author", no text, no
// attachments, no mentions — so the replies around it keep their place (server/forums/editing.ts
// deletePost); a thread the member began keeps no title once its opening post has faded. A post still waiting for a moderator goes entirely, as its author's deletion would.
// In batches, each its own statement; part of the retention job, which one node runs at a time.
import { sql } from "drizzle-orm";
import type { Tx } from "#db/client.ts";
import { attachments, chatMessages, members, notifications, posts, threads } from "#db/schema.ts";
import { eraseThreadText, recountThreads } from "#server/privacy/placeholder.ts";

const BATCH = 2000;

export interface ExpiryCounts {
  expiredPosts: number;
  expiredMessages: number;
}

const expiredFor = (now: Date, days: ReturnType<typeof sql>) => sql`${now.toISOString()}::timestamptz - make_interval(days => ${days})`;

/** A hidden or removed post that still holds something of its author's: text, a warning, a file. */
const stillHolds = sql`(p.body_source <> '' or p.body_html <> '' or p.content_warning is not null or exists (select 1 from attachments a where a.post_id = p.id))`;

export async function expireMembersContent(tx: Tx, now: Date): Promise<ExpiryCounts> {
  let expiredMessages = 0;
  for (;;) {
    const { rows } = await tx.execute<{ n: number }>(sql`
      with gone as (
        delete from ${chatMessages} where ${chatMessages.id} in (
          select c.id from ${chatMessages} c join ${members} m on m.id = c.author_id
          where m.chat_expire_days is not null and c.created_at < ${expiredFor(now, sql`m.chat_expire_days`)}
          limit ${BATCH})
        returning 1)
      select count(*)::int as n from gone`);
    const n = rows[0]?.n ?? 0;
    expiredMessages += n;
    if (n < BATCH) break;
  }
  // Waiting posts nobody else has seen: deleted, with a waiting thread they began.
  await tx.execute(sql`
    delete from ${threads} where ${threads.status} = 'pending' and ${threads.id} in (
      select p.thread_id from ${posts} p join ${members} m on m.id = p.author_id
      where m.posts_expire_days is not null and p.status = 'pending' and p.created_at < ${expiredFor(now, sql`m.posts_expire_days`)})`);
  const { rows: pending } = await tx.execute<{ n: number }>(sql`
    with gone as (
      delete from ${posts} where ${posts.id} in (
        select p.id from ${posts} p join ${members} m on m.id = p.author_id
        where m.posts_expire_days is not null and p.status = 'pending' and p.created_at < ${expiredFor(now, sql`m.posts_expire_days`)})
      returning 1)
    select count(*)::int as n from gone`);
  let expiredPosts = pending[0]?.n ?? 0;
  for (;;) {
    const { rows } = await tx.execute<{ id: string; thread_id: string }>(sql`
      with due as (
        select p.id from ${posts} p join ${members} m on m.id = p.author_id
        where m.posts_expire_days is not null and p.created_at < ${expiredFor(now, sql`m.posts_expire_days`)}
          and (p.status = 'visible' or (p.status in ('hidden', 'removed') and ${stillHolds}))
        limit ${BATCH} for update of p)
      -- A post a moderator hid or removed stays out of view as it was, without its text.
      update ${posts} set status = case when ${posts.status} = 'visible' then 'deleted'::post_status else ${posts.status} end,
        body_source = '', body_html = '', content_warning = null, edited_at = ${now.toISOString()}::timestamptz
      from due where ${posts.id} = due.id
      returning ${posts.id} as id, ${posts.threadId} as thread_id`);
    if (rows.length === 0) break;
    const inList = sql`(${sql.join(
      rows.map((r) => sql`${r.id}::uuid`),
      sql`, `,
    )})`;
    await tx.execute(sql`delete from ${attachments} where ${attachments.postId} in ${inList}`);
    await tx.execute(sql`delete from ${notifications} where ${notifications.postId} in ${inList}`);
    // A thread the member began loses its title with its opening post, as erasure leaves it
    // (server/privacy/placeholder.ts); the threads' counts keep the placeholders, as deleting
    // one's own post does.
    await eraseThreadText(
      tx,
      // The member still began it: moderators keep finding reports about it on their page.
      sql`${threads.id} in (
        select p.thread_id from ${posts} p where p.id in ${inList} and p.author_id = ${threads.authorId}
          and p.id = (select f.id from ${posts} f where f.thread_id = p.thread_id order by f.created_at, f.id limit 1))`,
      { keepAuthor: true },
    );
    await recountThreads(tx, [...new Set(rows.map((r) => r.thread_id))]);
    expiredPosts += rows.length;
    if (rows.length < BATCH) break;
  }
  return { expiredPosts, expiredMessages };
}
