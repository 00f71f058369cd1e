// /mod: the open queue, most urgent first (priority, then when it opened), 25 a page, filtered
// by forum and kind, limited to the moderator's forums. Two queries a page, whatever the number
// of items: the page of items with everything shown about them (joined, with the reporters and
// the content read by correlated subqueries on indexed columns), and the count with the forums
// the filter offers and the reason templates. Both walk the partial indexes on open items
// (queue_items_open_*); the page's ids come from the index before anything is joined, so a deep
// page (OFFSET) costs index entries, not joined rows.
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { appeals, chatMessages, chatRooms, forums, members, queueItems, queueKind, settings, threads } from "#db/schema.ts";
import { authorize, type Actor } from "#server/authz/policy.ts";
/** Items a page. Each carries its content and its action forms, and a moderator reads each one
 *  with care: ten a page (docs/performance.md has what 25 cost). */
export const QUEUE_PAGE_SIZE = 10;
const PAGE_SIZE = QUEUE_PAGE_SIZE;
import { SETTINGS } from "#server/settings/keys.ts";
import { forumScope } from "./scope.ts";
import type { QueueKind } from "./queue.ts";

export const QUEUE_KINDS = queueKind.enumValues;

export interface QueueFilter {
  /** A forum's slug. */
  forum?: string | null;
  kind?: string | null;
  page: number;
}

export type QueueReporter = { pseudonym: string | null; reason: string; note: string | null };
export type QueueContent = { id: string; bodyHtml: string; contentWarning: string | null; status: string; createdAt: string };
/** A chat message's item: the room and the text (plain: the page escapes it). */
export type QueueMessage = { seq: number; room: string; roomNames: Record<string, string>; body: string; status: string; createdAt: string };

function conditions(actor: Actor, filter: QueueFilter): SQL[] {
  const scope = forumScope(actor);
  const where: SQL[] = [isNull(queueItems.resolvedAt)];
  if (scope !== null) where.push(scope.length ? inArray(queueItems.forumId, scope) : sql`false`);
  if (filter.forum) where.push(eq(queueItems.forumId, sql`(select ${forums.id} from ${forums} where ${forums.slug} = ${filter.forum})`));
  if (filter.kind && (QUEUE_KINDS as readonly string[]).includes(filter.kind)) where.push(eq(queueItems.kind, filter.kind as QueueKind));
  return where;
}

const reporters = sql<QueueReporter[] | null>`(
  select json_agg(json_build_object('pseudonym', rm.pseudonym, 'reason', r.reason, 'note', r.note) order by r.created_at)
  from (select * from reports r0 where r0.resolved_at is null and (
    (r0.target_kind = 'post' and r0.post_id = ${queueItems.postId})
    or (r0.target_kind = 'thread' and ${queueItems.postId} is null and r0.thread_id = ${queueItems.threadId})
    or (r0.target_kind = 'message' and r0.message_id = ${queueItems.messageId})
    or (r0.target_kind = 'member' and ${queueItems.postId} is null and ${queueItems.threadId} is null and ${queueItems.messageId} is null
        and r0.member_id = ${queueItems.memberId}))
    order by r0.created_at limit 20) r
  left join ${members} rm on rm.id = r.reporter_id
  where ${queueItems.kind} = 'report')`;

// The post itself, or for a thread's item the thread's first post.
const content = sql<QueueContent | null>`(
  select json_build_object('id', pp.id, 'bodyHtml', pp.body_html, 'contentWarning', pp.content_warning, 'status', pp.status, 'createdAt', pp.created_at)
  from posts pp where pp.id = coalesce(${queueItems.postId},
    (select fp.id from posts fp where fp.thread_id = ${queueItems.threadId} order by fp.created_at, fp.id limit 1)))`;

const message = sql<QueueMessage | null>`(
  select json_build_object('seq', cm.seq, 'room', cr.slug, 'roomNames', cr.names, 'body', cm.body, 'status', cm.status, 'createdAt', cm.created_at)
  from ${chatMessages} cm join ${chatRooms} cr on cr.id = cm.room_id where cm.id = ${queueItems.messageId})`;

export async function queuePage(db: Db, actor: Actor, filter: QueueFilter) {
  authorize(actor, "mod.queue");
  const where = and(...conditions(actor, filter));
  const scope = forumScope(actor);
  // The page's ids first, from the index alone, so that a deep page (OFFSET) skips index
  // entries rather than joined rows with their reporters and content; then those 25 joined.
  const page = db
    .select({ id: queueItems.id })
    .from(queueItems)
    .where(where)
    .orderBy(asc(queueItems.priority), asc(queueItems.openedAt), asc(queueItems.id))
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .as("page");
  const [items, [summary]] = await Promise.all([
    db
      .select({
        id: queueItems.id,
        kind: queueItems.kind,
        priority: queueItems.priority,
        reportCount: queueItems.reportCount,
        detail: queueItems.detail,
        openedAt: queueItems.openedAt,
        postId: queueItems.postId,
        threadId: queueItems.threadId,
        memberId: queueItems.memberId,
        appealId: queueItems.appealId,
        messageId: queueItems.messageId,
        forum: { id: forums.id, slug: forums.slug, names: forums.names },
        thread: { title: threads.title, contentWarning: threads.contentWarning, status: threads.status, locked: threads.locked, pinned: threads.pinned },
        member: { pseudonym: members.pseudonym, role: members.role, status: members.status, postingPausedAt: members.postingPausedAt },
        appealNote: appeals.note,
        reporters,
        content,
        message,
      })
      .from(page)
      .innerJoin(queueItems, eq(queueItems.id, page.id))
      .leftJoin(forums, eq(forums.id, queueItems.forumId))
      .leftJoin(threads, eq(threads.id, queueItems.threadId))
      .leftJoin(members, eq(members.id, queueItems.memberId))
      .leftJoin(appeals, eq(appeals.id, queueItems.appealId))
      .orderBy(asc(queueItems.priority), asc(queueItems.openedAt), asc(queueItems.id)),
    db
      .select({
        total: sql<number>`count(*)::int`,
        forums: sql<Array<{ slug: string; names: Record<string, string> }>>`(
          select coalesce(json_agg(json_build_object('slug', f.slug, 'names', f.names) order by f.position, f.slug), '[]'::json)
          from ${forums} f ${
            scope === null
              ? sql``
              : sql`where f.id in (${
                  scope.length
                    ? sql.join(
                        scope.map((id) => sql`${id}::uuid`),
                        sql`, `,
                      )
                    : sql`null`
                })`
          })`,
        // The reasons the action forms offer, read here rather than in a third query.
        templates: sql<unknown>`(select ${settings.value} from ${settings} where ${settings.key} = 'moderation.reason_templates')`,
      })
      .from(queueItems)
      .where(where),
  ]);
  const total = summary?.total ?? 0;
  return {
    items: items.map((item) => ({ ...item, collapsed: collapsed(item) })),
    total,
    page: filter.page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    forums: summary?.forums ?? [],
    templates: reasonTemplates(summary?.templates),
    seesForumless: scope === null,
  };
}

/** Moderator wellbeing: sexual content, held posts and anything under a content warning stay
 *  closed until the moderator opens them. */
function collapsed(item: { kind: string; detail: Record<string, unknown>; content: QueueContent | null; thread: { contentWarning: string | null } | null }) {
  const reasons = Array.isArray(item.detail.reasons) ? (item.detail.reasons as unknown[]) : [];
  return item.kind === "hold" || reasons.includes("image") || Boolean(item.content?.contentWarning) || Boolean(item.thread?.contentWarning);
}

/** As readSetting("moderation.reason_templates") reads it: the default when missing or malformed. */
function reasonTemplates(value: unknown) {
  const setting = SETTINGS["moderation.reason_templates"];
  const parsed = value == null ? null : setting.schema.safeParse(value);
  return parsed?.success ? parsed.data : setting.fallback;
}
