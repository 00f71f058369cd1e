// Reading a room's messages: the last CHAT_HISTORY for a join or the room's page, and the ones
// after a given id for a resync. Removed messages are left out for everyone, and messages by
// members the reader blocks are left out for the reader, in SQL, so a page and a socket read
// the same history. Both walk the unique (room_id, seq) index.
import { and, asc, desc, eq, gt, notExists, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client.ts";
import { blocks, chatMessages, members } from "#db/schema.ts";
import { CHAT_HISTORY, CHAT_SYNC_MAX, chatMessageId, type ChatMessage } from "#app/contracts/chat.ts";

export interface MessageRow {
  seq: number;
  body: string;
  createdAt: Date;
  author: string | null;
}

export function messageOf(room: string, row: MessageRow): ChatMessage {
  return { id: chatMessageId(row.seq), room, author: row.author ?? "", body: row.body, createdAt: row.createdAt.toISOString() };
}

function shownTo(roomId: string, readerId: string): SQL {
  return and(
    eq(chatMessages.roomId, roomId),
    eq(chatMessages.status, "visible"),
    notExists(sql`(select 1 from ${blocks} where ${blocks.blockerId} = ${readerId} and ${blocks.blockedId} = ${chatMessages.authorId})`),
  )!;
}

function select(db: DbOrTx) {
  return db
    .select({ seq: chatMessages.seq, body: chatMessages.body, createdAt: chatMessages.createdAt, author: members.pseudonym })
    .from(chatMessages)
    .leftJoin(members, eq(members.id, chatMessages.authorId));
}

/** The last `limit` messages the reader may see, oldest first. */
export async function recentMessages(db: Db, room: { id: string; slug: string }, readerId: string, limit = CHAT_HISTORY): Promise<ChatMessage[]> {
  const rows = await select(db).where(shownTo(room.id, readerId)).orderBy(desc(chatMessages.seq)).limit(limit);
  return rows.reverse().map((row) => messageOf(room.slug, row));
}

/** The messages after number `afterSeq` the reader may see, oldest first, at most CHAT_SYNC_MAX. */
export async function messagesAfter(db: Db, room: { id: string; slug: string }, readerId: string, afterSeq: number): Promise<ChatMessage[]> {
  const rows = await select(db)
    .where(and(shownTo(room.id, readerId), gt(chatMessages.seq, afterSeq)))
    .orderBy(asc(chatMessages.seq))
    .limit(CHAT_SYNC_MAX);
  return rows.map((row) => messageOf(room.slug, row));
}
