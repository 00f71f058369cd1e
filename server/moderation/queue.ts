// Writing to the moderators' queue. One open item per kind and target: a second report on the
// same post raises its count and, if more urgent, its priority, instead of adding a row. Acting
// on a target resolves every open item about it, and the reports grouped on them. Every change
// tells the moderators' open screens (`mod:queue`), when its transaction commits.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client.ts";
import { queueItems, reports } from "#db/schema.ts";
import { pushAtCommit } from "#server/realtime/notify-live.ts";

export type QueueKind = (typeof queueItems.$inferSelect)["kind"];

/** `message`: a chat message's row id (chat_messages.id, not its public number). */
export type QueueTarget = { post: string; thread: string } | { thread: string } | { member: string } | { appeal: string; member: string } | { message: string };

export function targetKey(target: QueueTarget): string {
  if ("appeal" in target) return `appeal:${target.appeal}`;
  if ("message" in target) return `message:${target.message}`;
  if ("post" in target) return `post:${target.post}`;
  if ("thread" in target) return `thread:${target.thread}`;
  return `member:${target.member}`;
}

export interface NewQueueItem {
  kind: QueueKind;
  target: QueueTarget;
  forumId: string | null;
  /** The member concerned: the author, the reported member, the appellant. */
  memberId: string | null;
  priority: number;
  /** Merged into the open item's detail; `reasons` arrays are unioned. */
  detail?: { reasons?: string[] } & Record<string, unknown>;
  /** A new report grouped on this item. */
  addsReport?: boolean;
}

/** Opens an item, or folds this one into the open item on the same kind and target. Returns its id. */
export async function openQueueItem(db: DbOrTx, item: NewQueueItem): Promise<string> {
  const t = item.target;
  const detail = item.detail ?? {};
  const [row] = await db
    .insert(queueItems)
    .values({
      kind: item.kind,
      forumId: item.forumId,
      targetKey: targetKey(t),
      postId: "post" in t ? t.post : null,
      threadId: "thread" in t ? t.thread : null,
      memberId: item.memberId,
      appealId: "appeal" in t ? t.appeal : null,
      messageId: "message" in t ? t.message : null,
      priority: item.priority,
      reportCount: item.addsReport ? 1 : 0,
      detail,
    })
    .onConflictDoUpdate({
      target: [queueItems.kind, queueItems.targetKey],
      targetWhere: sql`${queueItems.resolvedAt} is null`,
      set: {
        priority: sql`least(${queueItems.priority}, excluded.priority)`,
        reportCount: sql`${queueItems.reportCount} + excluded.report_count`,
        // Reasons unioned, other keys replaced by the newest.
        detail: sql`${queueItems.detail} || excluded.detail || jsonb_build_object('reasons', (
          select coalesce(jsonb_agg(distinct r), '[]'::jsonb) from jsonb_array_elements_text(
            coalesce(${queueItems.detail}->'reasons', '[]'::jsonb) || coalesce(excluded.detail->'reasons', '[]'::jsonb)) r))`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: queueItems.id });
  await queueChanged(db);
  return row!.id;
}

/** `mod:queue` to every moderator's screens once `db`'s transaction commits (never if it rolls
 *  back), however many items it changed. Carries nothing: the queue page reads itself again,
 *  as each moderator may see it. For the few writes to queue items outside this module too. */
export async function queueChanged(db: DbOrTx) {
  await pushAtCommit(db, { moderators: true }, "mod:queue");
}

/** Resolves every open item on a target (and its open reports); returns the items' ids. */
export async function resolveTarget(db: DbOrTx, target: QueueTarget, by: string | null, resolution: string, kinds?: QueueKind[]) {
  const key = targetKey(target);
  const where = and(eq(queueItems.targetKey, key), isNull(queueItems.resolvedAt), kinds ? inArray(queueItems.kind, kinds) : undefined);
  const resolved = await db
    .update(queueItems)
    .set({ resolvedAt: sql`now()`, resolvedBy: by, resolution, updatedAt: sql`now()` })
    .where(where)
    .returning({ id: queueItems.id, kind: queueItems.kind, detail: queueItems.detail });
  if (!kinds || kinds.includes("report")) await resolveReports(db, target);
  if (resolved.length) await queueChanged(db);
  return resolved;
}

async function resolveReports(db: DbOrTx, target: QueueTarget) {
  if ("appeal" in target) return;
  const [column, id, kind] =
    "message" in target
      ? ([reports.messageId, target.message, "message"] as const)
      : "post" in target
        ? ([reports.postId, target.post, "post"] as const)
        : "thread" in target
          ? ([reports.threadId, target.thread, "thread"] as const)
          : ([reports.memberId, target.member, "member"] as const);
  await db
    .update(reports)
    .set({ resolvedAt: sql`now()` })
    .where(and(eq(column, id), eq(reports.targetKind, kind), isNull(reports.resolvedAt)));
}
