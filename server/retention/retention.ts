// Retention (issue 12, /privacy says the same): what Hearth keeps only for a while is deleted for
// real — DELETE, not a status — by one job, on one node at a time, with one audit row (as Hearth
// itself) saying how many of each went. Never which rows, whose, or what they said.
//
//   notifications            retention.notifications_days (default 90), by when they were made
//   media removal records    retention.media_removals_days (90)
//   the audit log            retention.audit_days (365), in an audit-maintenance transaction
//   held-and-rejected posts  retention.rejected_posts_days (30) after the moderator's rejection,
//                            or after the decision on its appeal (none while one waits); a
//                            rejected new thread goes whole
//   closed reports           retention.closed_reports_days (180) after they were closed, with the
//                            closed queue items about reports
//   members' expiry         their posts and chat messages, after the days they chose
// Chat messages follow each room's own retention (server/chat/retention.ts); expired sessions
// sign nobody in and are deleted at the next request or within the hour (server/jobs/).
import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client.ts";
import { auditLog, mediaRemovals, notifications, posts, queueItems, reports, threads } from "#db/schema.ts";
import { audit, maintenance, SYSTEM } from "#server/moderation/audit.ts";
import { readSetting } from "#server/settings/store.ts";
import { expireMembersContent } from "./expiry.ts";

/** A key of this job's own for PostgreSQL's advisory locks: one node runs it at a time. */
const LOCK_KEY = 0x4845_5254; // "HERT"

export interface RetentionCounts {
  notifications: number;
  mediaRemovals: number;
  auditRows: number;
  rejectedPosts: number;
  rejectedThreads: number;
  closedReports: number;
  closedReportItems: number;
  /** Members' own expiry (server/retention/expiry.ts). */
  expiredPosts: number;
  expiredMessages: number;
}

const cutoff = (now: Date, days: number) => sql`${now.toISOString()}::timestamptz - make_interval(days => ${days})`;

async function countDeleted(tx: Tx, statement: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(sql`with gone as (${statement} returning 1) select count(*)::int as n from gone`);
  return rows[0]?.n ?? 0;
}

/** Deletes what has outlived its retention at `now`; null when another node is already at it. */
export async function runRetention(db: Db, now = new Date()): Promise<RetentionCounts | null> {
  const days = {
    notifications: await readSetting(db, "retention.notifications_days"),
    mediaRemovals: await readSetting(db, "retention.media_removals_days"),
    audit: await readSetting(db, "retention.audit_days"),
    rejected: await readSetting(db, "retention.rejected_posts_days"),
    reports: await readSetting(db, "retention.closed_reports_days"),
  };
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as locked`);
    if (!rows[0]?.locked) return null;
    // The moderator's rejection is the resolution of the queue item about exactly that post
    // (target_key "post:<id>"), not of one about something inside it. A waiting new thread waits
    // as its opening post's item (server/forums/posting.ts), so a rejected new thread is found
    // through that post. While an appeal of the rejection is undecided nothing goes (the appeal
    // can still undo it, server/appeals/decide.ts), and the days count from its decision when
    // that came later than the rejection.
    const before = cutoff(now, days.rejected);
    const rejectedPost = (postId: SQL) => sql`
      exists (select 1 from ${queueItems} q
              where q.target_key = 'post:' || ${postId}::text and q.resolution = 'rejected' and q.resolved_at < ${before})`;
    const appealWaits = (event: SQL) => sql`
      exists (select 1 from moderation_events e join appeals a on a.event_id = e.id
              where ${event} and (a.decided_at is null or a.decided_at >= ${before}))`;
    const openingPost = sql`(select f.id from ${posts} f where f.thread_id = ${threads.id} order by f.created_at, f.id limit 1)`;
    const counts: RetentionCounts = {
      notifications: await countDeleted(tx, sql`delete from ${notifications} where ${notifications.createdAt} < ${cutoff(now, days.notifications)}`),
      mediaRemovals: await countDeleted(tx, sql`delete from ${mediaRemovals} where ${mediaRemovals.createdAt} < ${cutoff(now, days.mediaRemovals)}`),
      // A rejected new thread first (its posts go with it), then rejected replies.
      rejectedThreads: await countDeleted(
        tx,
        // A new thread never had replies: one that has is a removed thread, kept for its appeal.
        sql`delete from ${threads} where ${threads.status} = 'removed' and ${rejectedPost(openingPost)}
              and not exists (select 1 from ${posts} r where r.thread_id = ${threads.id} and r.id <> ${openingPost})
              and not ${appealWaits(sql`e.thread_id = ${threads.id}`)}`,
      ),
      rejectedPosts: await countDeleted(
        tx,
        sql`delete from ${posts} where ${posts.status} = 'removed' and ${rejectedPost(sql`${posts.id}`)}
              and not ${appealWaits(sql`e.post_id = ${posts.id}`)}`,
      ),
      closedReports: await countDeleted(tx, sql`delete from ${reports} where ${reports.resolvedAt} < ${cutoff(now, days.reports)}`),
      closedReportItems: await countDeleted(
        tx,
        sql`delete from ${queueItems} where ${queueItems.kind} = 'report' and ${queueItems.resolvedAt} < ${cutoff(now, days.reports)}`,
      ),
      auditRows: 0,
      ...(await expireMembersContent(tx, now)),
    };
    await maintenance(tx, "retention");
    counts.auditRows = await countDeleted(tx, sql`delete from ${auditLog} where ${auditLog.at} < ${cutoff(now, days.audit)}`);
    if (Object.values(counts).some((n) => n > 0)) await audit(tx, SYSTEM, { action: "privacy.retention", detail: { ...counts } });
    return counts;
  });
}
