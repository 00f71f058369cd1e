// Chat history expires (architecture.md, promise 5): messages older than their room's
// `retention_days` are deleted for real — DELETE, not a status — with the reports and queue items
// about them (their foreign keys cascade). Ended mutes go too. An audit row, written as Hearth
// itself, says how many went from which room; it never names a message or its author.
//
// Deleted in batches, each its own statement, so a long backlog holds no lock for long; one node
// at a time (server/jobs/one-node.ts, in the chat services).
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { chatMessages, chatMutes, chatRooms } from "#db/schema.ts";
import type { Log } from "#server/log.ts";
import { audit, OPERATOR, SYSTEM } from "#server/moderation/audit.ts";
import { scheduleJob } from "#server/jobs/schedule.ts";

const BATCH = 5000;
export const CHAT_RETENTION_EVERY_MS = 60 * 60 * 1000;

export async function deleteExpired(db: Db, now = new Date()): Promise<{ deleted: number }> {
  const rooms: Record<string, number> = {};
  let deleted = 0;
  for (;;) {
    const { rows } = await db.execute<{ slug: string; n: number }>(sql`
      with gone as (
        delete from ${chatMessages} where ${chatMessages.id} in (
          select m.id from ${chatMessages} m join ${chatRooms} r on r.id = m.room_id
          where m.created_at < ${now.toISOString()}::timestamptz - make_interval(days => r.retention_days)
          limit ${BATCH})
        returning ${chatMessages.roomId} as room_id)
      select r.slug, count(*)::int as n from gone join ${chatRooms} r on r.id = gone.room_id group by r.slug`);
    const batch = rows.reduce((sum, row) => sum + row.n, 0);
    for (const row of rows) rooms[row.slug] = (rooms[row.slug] ?? 0) + row.n;
    deleted += batch;
    if (batch < BATCH) break;
  }
  await db.execute(sql`delete from ${chatMutes} where ${chatMutes.until} < ${now.toISOString()}::timestamptz`);
  if (deleted > 0) await audit(db, SYSTEM, { action: "chat.retention", targetKind: "room", detail: { deleted, rooms } });
  return { deleted };
}

/** The operator sets how long a room keeps its messages (`npm run admin -- chat-retention`),
 *  audited as the operator; the privacy page says the new figure at once. Null: no such room. */
export async function setRoomRetention(db: Db, slug: string, days: number) {
  return db.transaction(async (tx) => {
    const [room] = await tx
      .update(chatRooms)
      .set({ retentionDays: days })
      .where(eq(chatRooms.slug, slug))
      .returning({ id: chatRooms.id, slug: chatRooms.slug });
    if (!room) return null;
    await audit(tx, OPERATOR, { action: "chat.retention_set", targetKind: "room", targetId: room.id, detail: { room: room.slug, days } });
    return { slug: room.slug, days };
  });
}

/** Each open room's retention, for the privacy page (/privacy): public facts, for anyone. A
 *  closed (archived) room's messages go on the same schedule, though it is not listed. */
export async function roomRetentions(db: Db) {
  return db
    .select({ slug: chatRooms.slug, names: chatRooms.names, access: chatRooms.access, retentionDays: chatRooms.retentionDays })
    .from(chatRooms)
    .where(eq(chatRooms.archived, false))
    .orderBy(asc(chatRooms.position), asc(chatRooms.slug));
}

/** At start and every hour, like the session cleanup (server/jobs/session-cleanup.ts). */
export function scheduleChatRetention(
  services: { chat: { deleteExpired(now?: Date): Promise<{ deleted: number } | null> } },
  log: Log,
  opts: { everyMs?: number } = {},
) {
  return scheduleJob({
    run: () => services.chat.deleteExpired(new Date()),
    everyMs: opts.everyMs ?? CHAT_RETENTION_EVERY_MS,
    onResult: (result, error) =>
      error
        ? log.error({ event: "chat-retention-failed", err: { name: (error as Error)?.name } }, "chat retention failed")
        : result?.deleted && log.info({ event: "chat-retention", deleted: result.deleted }, "expired chat messages deleted"),
  });
}
