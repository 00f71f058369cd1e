// Erasing a member (issue 12), walked from the member-data map (member-data.ts): every relation's
// `erase` action is carried out in one transaction, with the member's row locked, so an erasure
// is all or nothing and a table added to the map is erased the way the map says. What it leaves
// behind: posts as "removed by its author" placeholders without text (placeholder.ts), reports
// they filed without the reporter, audit rows pointing to one random anonymous id made for this
// erasure, and moderators' free text (the map's `mentions`) with a marker where their pseudonym
// was (mentions.ts). What is done after the commit (sessions ended and sockets closed on every
// node, open chat screens told to drop the messages) is returned, never done before.
import { randomUUID } from "node:crypto";
import { eq, getTableName, is, sql, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { chatMessageId } from "#app/contracts/chat.ts";
import type { Db, Tx } from "#db/client.ts";
import * as schema from "#db/schema.ts";
import { members } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import type { Live } from "#server/live.ts";
import { maintenance } from "#server/moderation/audit.ts";
import { type Erasure, memberRelations, type MemberColumn, type Through } from "./member-data.ts";
import { retryingDeadlocks } from "#server/db-retry.ts";
import { replaceMentions } from "./mentions.ts";
import { PLACEHOLDERS } from "./placeholder.ts";

export interface Erased {
  /** The anonymous id the audit rows now point to where the member's id was. */
  anonymousId: string;
  sessions: string[];
  chat: Array<{ room: string; id: string }>;
}

/** The order actions run in: rows reached through the member's rows first (attachments of their
 *  posts), then placeholders (which detach the posts), then the rest, and the member row last. */
// Placeholders last: they hold the rows of the member's threads, which others' replies update
// (post_count), so they are taken as shortly as possible before the commit.
const ORDER: Record<Erasure, number> = { delete: 1, detach: 2, anonymise: 3, placeholder: 4 };

/** The uuid columns of Hearth's tables, as "table.column", from the schema itself: a uuid column
 *  is matched as a uuid (its index is used), a text one as the id or a target key. */
const UUID_COLUMNS = new Set(
  (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .flatMap((table) =>
      getTableConfig(table)
        .columns.filter((column) => column.getSQLType() === "uuid")
        .map((column) => `${getTableName(table)}.${column.name}`),
    ),
);

function rowsOf(table: string, column: string, relation: MemberColumn | Through, memberId: string): SQL {
  const when = Object.entries(relation.when ?? {}).map(([name, value]) => sql` and ${sql.identifier(name)}::text = ${value}`);
  if ("parent" in relation) {
    return sql`${sql.identifier(column)} in (select id from ${sql.identifier(relation.parent)} where ${sql.identifier(relation.parentColumn)} = ${memberId})${sql.join(when)}`;
  }
  if (UUID_COLUMNS.has(`${table}.${column}`)) return sql`${sql.identifier(column)} = ${memberId}::uuid${sql.join(when)}`;
  // A target key ("member:<uuid>") holds the id after its kind; a text column may hold the id.
  return sql`(${sql.identifier(column)}::text = ${memberId} or ${sql.identifier(column)}::text = ${`member:${memberId}`})${sql.join(when)}`;
}

async function apply(tx: Tx, table: string, column: string, relation: MemberColumn | Through, memberId: string, anonymousId: string) {
  const where = rowsOf(table, column, relation, memberId);
  switch (relation.erase) {
    case "delete":
      await tx.execute(sql`delete from ${sql.identifier(table)} where ${where}`);
      return;
    case "detach":
      await tx.execute(sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = null where ${where}`);
      return;
    case "anonymise":
      await tx.execute(sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${anonymousId} where ${where}`);
      return;
    case "placeholder": {
      const placeholder = PLACEHOLDERS[table];
      if (!placeholder) throw new Error(`No placeholder for ${table}`);
      await placeholder(tx, memberId);
      return;
    }
  }
}

/** Erases the member in one transaction; `audit` writes the erasure's own audit row in it. */
export async function eraseMember(db: Db, memberId: string, audit: (tx: Tx, anonymousId: string) => Promise<void>): Promise<Erased> {
  const anonymousId = randomUUID();
  // Another transaction holding one of the member's rows while it waits for the member's own
  // (a moderator's action on their post) may deadlock with this one: whichever lost runs again.
  return retryingDeadlocks(() => eraseOnce(db, memberId, anonymousId, audit));
}

function eraseOnce(db: Db, memberId: string, anonymousId: string, audit: (tx: Tx, anonymousId: string) => Promise<void>): Promise<Erased> {
  return db.transaction(async (tx) => {
    const [member] = await tx.select({ id: members.id, pseudonym: members.pseudonym }).from(members).where(eq(members.id, memberId)).for("update");
    if (!member) throw new NotFound();
    await maintenance(tx, "erasure");
    const sessions = await tx.execute<{ id: string }>(sql`select id from sessions where member_id = ${memberId}`);
    const chat = await tx.execute<{ slug: string; seq: number }>(
      sql`select r.slug, m.seq from chat_messages m join chat_rooms r on r.id = m.room_id where m.author_id = ${memberId} and m.status = 'visible' order by m.seq`,
    );
    const relations = memberRelations().filter(({ relation }) => relation.role !== "self");
    const through = relations.filter(({ relation }) => "parent" in relation);
    const placeholderOrder = Object.keys(PLACEHOLDERS);
    const rank = ({ table, relation }: (typeof relations)[number]) => ORDER[relation.erase] * 100 + Math.max(0, placeholderOrder.indexOf(table));
    const direct = relations.filter(({ relation }) => !("parent" in relation)).sort((a, b) => rank(a) - rank(b));
    for (const { table, column, relation } of [...through, ...direct]) await apply(tx, table, column, relation, memberId, anonymousId);
    await replaceMentions(tx, memberId, member.pseudonym);
    await audit(tx, anonymousId);
    await tx.delete(members).where(eq(members.id, memberId));
    return {
      anonymousId,
      sessions: sessions.rows.map((row) => row.id),
      chat: chat.rows.map((row) => ({ room: row.slug, id: chatMessageId(Number(row.seq)) })),
    };
  });
}

/** After the commit: their sessions end and sockets close on every node; open chat screens drop
 *  their messages (as a moderator's removal does, server/chat/moderate.ts). */
export async function afterErasure(live: Live, memberId: string, erased: Erased) {
  if (erased.sessions.length) await live.endSessions(erased.sessions);
  await live.closeMemberSockets(memberId);
  for (const message of erased.chat) await live.push({ room: message.room }, "chat:removed", message);
}
