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
import { retryingDeadlocks } from "#server/db-retry.ts";
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

/** Each public column's type, as "table.column" → "uuid", "text"…: a uuid column is matched as a
 *  uuid (its index is used), a text one as the id or a target key. */
async function columnTypes(tx: Tx): Promise<Map<string, string>> {
  const { rows } = await tx.execute<{ key: string; type: string }>(
    sql`select table_name || '.' || column_name as key, data_type as type from information_schema.columns where table_schema = current_schema()`,
  );
  return new Map(rows.map((r) => [r.key, r.type]));
}

function rowsOf(column: string, relation: MemberColumn | Through, memberId: string, type: string | undefined): SQL {
  const when = Object.entries(relation.when ?? {}).map(([name, value]) => sql` and ${sql.identifier(name)}::text = ${value}`);
  if ("parent" in relation) {
    return sql`${sql.identifier(column)} in (select id from ${sql.identifier(relation.parent)} where ${sql.identifier(relation.parentColumn)} = ${memberId})${sql.join(when)}`;
  }
  if (type === "uuid") return sql`${sql.identifier(column)} = ${memberId}::uuid${sql.join(when)}`;
  // A target key ("member:<uuid>") holds the id after its kind; a text column may hold the id.
  return sql`(${sql.identifier(column)}::text = ${memberId} or ${sql.identifier(column)}::text = ${`member:${memberId}`})${sql.join(when)}`;
}

async function apply(tx: Tx, table: string, column: string, relation: MemberColumn | Through, memberId: string, anonymousId: string, type?: string) {
  const where = rowsOf(column, relation, memberId, type);
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

/** The pseudonym as a whole word, for JavaScript: where it begins or ends with a Latin letter or
 *  digit, not inside a longer word ("Ann" is not the start of "Annual"); Chinese has no spaces
 *  between words, so a Chinese edge has no such check. Its own punctuation is literal. */
export function namePattern(pseudonym: string): RegExp {
  const literal = pseudonym.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const latin = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9]/.test(ch);
  const chars = [...pseudonym];
  const before = latin(chars[0]) ? "(?<![A-Za-z0-9_])" : "";
  const after = latin(chars.at(-1)) ? "(?![A-Za-z0-9_])" : "";
  return new RegExp(`${before}${literal}${after}`, "giu");
}

/**
 * The text with the erased member's pseudonym replaced by ERASED_MEMBER, wherever it names them:
 * in any case, as a whole word, except
 * - inside another member's pseudonym ("Rowan" in "Rowan Lee", a member who stays), and
 * - for a pseudonym that is one short plain word (at most 8 Latin letters: "Hope", "Willow"),
 *   where it is written in lower case without an @: that is most likely the word, not the name
 *   ("I hope you understand"); "@hope" and "Hope" are the name. A longer name, or one with a
 *   digit, a space, a mark or a Chinese character, is the name in any case.
 */
export function withoutPseudonym(text: string, pseudonym: string, others: readonly string[]): string {
  const kept: Array<[number, number]> = [];
  for (const other of others) for (const m of text.matchAll(namePattern(other))) kept.push([m.index, m.index + m[0].length]);
  const plainWord = /^[A-Za-z][a-z]{0,7}$/.test(pseudonym);
  return text.replace(namePattern(pseudonym), (match, offset: number) => {
    if (kept.some(([from, to]) => offset < to && offset + match.length > from)) return match;
    if (plainWord && match === match.toLowerCase() && text[offset - 1] !== "@") return match;
    return ERASED_MEMBER;
  });
}

/** The same in the string values at `keys` of a jsonb value (Hearth's own keys), at any depth. */
function withoutPseudonymAt(value: unknown, keys: readonly string[], scrub: (text: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutPseudonymAt(item, keys, scrub));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, typeof item === "string" && keys.includes(key) ? scrub(item) : withoutPseudonymAt(item, keys, scrub)]),
    );
  return value;
}

/** Replaces the member's pseudonym in every column the map lists as `mentions`: rows found by a
 *  plain substring first, each changed only where the name really is (withoutPseudonym). */
async function replaceMentions(tx: Tx, memberId: string, pseudonym: string) {
  const like = `%${pseudonym.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const others = await tx.execute<{ pseudonym: string }>(sql`select pseudonym from members where pseudonym ilike ${like} and id <> ${memberId}`);
  const scrub = (text: string) =>
    withoutPseudonym(
      text,
      pseudonym,
      others.rows.map((r) => r.pseudonym),
    );
  for (const [table, entry] of Object.entries(MEMBER_DATA as Record<string, TableEntry>)) {
    for (const [column, kind] of Object.entries(entry.mentions ?? {})) {
      const [t, c] = [sql.identifier(table), sql.identifier(column)];
      const found = await tx.execute<{ id: string | number; value: unknown }>(sql`select id, ${c} as value from ${t} where ${c}::text ilike ${like}`);
      for (const row of found.rows) {
        if (kind === "text") {
          const text = scrub(String(row.value));
          if (text !== row.value) await tx.execute(sql`update ${t} set ${c} = ${text} where id = ${row.id}`);
          continue;
        }
        const value = withoutPseudonymAt(row.value, kind.jsonbKeys, scrub);
        if (JSON.stringify(value) !== JSON.stringify(row.value))
          await tx.execute(sql`update ${t} set ${c} = ${JSON.stringify(value)}::jsonb where id = ${row.id}`);
      }
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
    const types = await columnTypes(tx);
    for (const { table, column, relation } of [...through, ...direct])
      await apply(tx, table, column, relation, memberId, anonymousId, types.get(`${table}.${column}`));
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
