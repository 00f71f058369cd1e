// Erasing a member (issue 12), walked from the member-data map (member-data.ts): every relation's
// `erase` action is carried out in one transaction, with the member's row locked, so an erasure
// is all or nothing and a table added to the map is erased the way the map says. What it leaves
// behind: posts as "removed by its author" placeholders without text (placeholder.ts), reports
// they filed without the reporter, audit rows pointing to one random anonymous id made for this
// erasure, and moderators' free text (the map's `mentions`) with a marker where their pseudonym was. What is done after the commit (sessions ended and sockets closed on every node, open
// chat screens told to drop the messages) is returned, never done before.
import { randomUUID } from "node:crypto";
import { eq, sql, type SQL } from "drizzle-orm";
import { chatMessageId } from "#app/contracts/chat.ts";
import type { Db, Tx } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import type { Live } from "#server/live.ts";
import { maintenance } from "#server/moderation/audit.ts";
import { type Erasure, MEMBER_DATA, memberRelations, type MemberColumn, type TableEntry, type Through } from "./member-data.ts";
import { PLACEHOLDERS } from "./placeholder.ts";

export interface Erased {
  /** The anonymous id the audit rows now point to where the member's id was. */
  anonymousId: string;
  sessions: string[];
  chat: Array<{ room: string; id: string }>;
}

/** The order actions run in: rows reached through the member's rows first (attachments of their
 *  posts), then placeholders (which detach the posts), then the rest, and the member row last. */
const ORDER: Record<Erasure, number> = { placeholder: 1, delete: 2, detach: 3, anonymise: 4 };

function rowsOf(column: string, relation: MemberColumn | Through, memberId: string): SQL {
  const when = Object.entries(relation.when ?? {}).map(([name, value]) => sql` and ${sql.identifier(name)}::text = ${value}`);
  if ("parent" in relation) {
    return sql`${sql.identifier(column)} in (select id from ${sql.identifier(relation.parent)} where ${sql.identifier(relation.parentColumn)} = ${memberId})${sql.join(when)}`;
  }
  // A target key ("member:<uuid>") holds the id after its kind; every other column is the id.
  return sql`(${sql.identifier(column)}::text = ${memberId} or ${sql.identifier(column)}::text = ${`member:${memberId}`})${sql.join(when)}`;
}

async function apply(tx: Tx, table: string, column: string, relation: MemberColumn | Through, memberId: string, anonymousId: string) {
  const where = rowsOf(column, relation, memberId);
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

/** What stands where an erased member's pseudonym was in moderators' free text. Stored text, read
 *  later in any language, so one neutral English marker (like Hearth's other stored words). */
export const ERASED_MEMBER = "[erased member]";

/** The pseudonym, case-insensitively and as a literal string, in the string values of a jsonb value. */
function withoutName(value: unknown, name: RegExp): unknown {
  if (typeof value === "string") return value.replace(name, ERASED_MEMBER);
  if (Array.isArray(value)) return value.map((item) => withoutName(item, name));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutName(item, name)]));
  return value;
}

/** Replaces the member's pseudonym in every column the map lists as `mentions`. */
async function replaceMentions(tx: Tx, pseudonym: string) {
  const like = `%${pseudonym.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const name = new RegExp(pseudonym.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "giu");
  for (const [table, entry] of Object.entries(MEMBER_DATA as Record<string, TableEntry>)) {
    for (const [column, kind] of Object.entries(entry.mentions ?? {})) {
      const [t, c] = [sql.identifier(table), sql.identifier(column)];
      if (kind === "text") {
        // `***=`: the rest of the pattern is a literal string (PostgreSQL's regular expressions).
        await tx.execute(sql`update ${t} set ${c} = regexp_replace(${c}, ${`***=${pseudonym}`}, ${ERASED_MEMBER}, 'gi') where ${c} ilike ${like}`);
        continue;
      }
      // Walked here, not replaced in the JSON text: keys are Hearth's, only values are free text.
      const found = await tx.execute<{ id: string | number; value: unknown }>(sql`select id, ${c} as value from ${t} where ${c}::text ilike ${like}`);
      for (const row of found.rows) {
        const value = withoutName(row.value, name);
        if (JSON.stringify(value) !== JSON.stringify(row.value))
          await tx.execute(sql`update ${t} set ${c} = ${JSON.stringify(value)}::jsonb where id = ${row.id}`);
      }
    }
  }
}

/** Erases the member in one transaction; `audit` writes the erasure's own audit row in it. */
export async function eraseMember(db: Db, memberId: string, audit: (tx: Tx, anonymousId: string) => Promise<void>): Promise<Erased> {
  const anonymousId = randomUUID();
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
    const direct = relations.filter(({ relation }) => !("parent" in relation)).sort((a, b) => ORDER[a.relation.erase] - ORDER[b.relation.erase]);
    for (const { table, column, relation } of [...through, ...direct]) await apply(tx, table, column, relation, memberId, anonymousId);
    await replaceMentions(tx, member.pseudonym);
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
