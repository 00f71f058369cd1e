// An erased member's pseudonym in moderators' and Hearth's own free text (issue 12): reasons,
// notes, responses, a content warning in an audit detail — the columns member-data.ts lists as
// `mentions` — gets a marker where it names them. Members' own writing is never listed: others'
// posts that mention them stay as the others wrote them.
import { sql } from "drizzle-orm";
import type { Tx } from "#db/client.ts";
import { MEMBER_DATA, type TableEntry } from "./member-data.ts";

/** What stands where an erased member's pseudonym was. Stored text, read later by moderators of
 *  either language, so one neutral marker. */
export const ERASED_MEMBER = "[erased member]";

/** The pseudonym as a whole word: where it begins or ends with a Latin letter or digit, not inside
 *  a longer word ("Ann" is not the start of "Annual"); Chinese has no spaces between words, so a
 *  Chinese edge has no such check. Its own punctuation is literal. */
function namePattern(pseudonym: string): RegExp {
  const literal = pseudonym.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const latin = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9]/.test(ch);
  const chars = [...pseudonym];
  const before = latin(chars[0]) ? "(?<![A-Za-z0-9_])" : "";
  const after = latin(chars.at(-1)) ? "(?![A-Za-z0-9_])" : "";
  return new RegExp(`${before}${literal}${after}`, "giu");
}

/**
 * A function giving a text with the erased member's pseudonym replaced by ERASED_MEMBER wherever
 * it names them: in any case, as a whole word, except
 * - inside another member's pseudonym (`others`: "Rowan" in "Rowan Lee", a member who stays), and
 * - for a pseudonym that is one short plain word (at most 8 Latin letters: "Hope", "Willow"),
 *   where it is written in lower case without an @: that is most likely the word, not the name
 *   ("I hope you understand"); "@hope" and "Hope" are the name. A longer name, or one with a
 *   digit, a space, a mark or a Chinese character, is the name in any case.
 * The patterns are made once, for every row an erasure reads.
 */
export function pseudonymScrubber(pseudonym: string, others: readonly string[]): (text: string) => string {
  const name = namePattern(pseudonym);
  const kept = others.map(namePattern);
  const plainWord = /^[A-Za-z][a-z]{0,7}$/.test(pseudonym);
  return (text) => {
    const spans = kept.flatMap((pattern) => [...text.matchAll(pattern)].map((m): [number, number] => [m.index, m.index + m[0].length]));
    return text.replace(name, (match, offset: number) => {
      if (spans.some(([from, to]) => offset < to && offset + match.length > from)) return match;
      if (plainWord && match === match.toLowerCase() && text[offset - 1] !== "@") return match;
      return ERASED_MEMBER;
    });
  };
}

/** The same in the string values at `keys` of a jsonb value (Hearth's own keys), at any depth. */
function scrubAt(value: unknown, keys: readonly string[], scrub: (text: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => scrubAt(item, keys, scrub));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, typeof item === "string" && keys.includes(key) ? scrub(item) : scrubAt(item, keys, scrub)]),
    );
  return value;
}

/** In the erasure's transaction: every `mentions` column's rows found by a plain substring first,
 *  each changed only where the name really is. */
export async function replaceMentions(tx: Tx, memberId: string, pseudonym: string) {
  const like = `%${pseudonym.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const others = await tx.execute<{ pseudonym: string }>(sql`select pseudonym from members where pseudonym ilike ${like} and id <> ${memberId}`);
  const scrub = pseudonymScrubber(
    pseudonym,
    others.rows.map((r) => r.pseudonym),
  );
  for (const [table, entry] of Object.entries(MEMBER_DATA as Record<string, TableEntry>)) {
    for (const [column, kind] of Object.entries(entry.mentions ?? {})) {
      const [t, c] = [sql.identifier(table), sql.identifier(column)];
      const found = await tx.execute<{ id: string | number; value: unknown }>(sql`select id, ${c} as value from ${t} where ${c}::text ilike ${like}`);
      for (const row of found.rows) {
        const value = kind === "text" ? scrub(String(row.value)) : scrubAt(row.value, kind.jsonbKeys, scrub);
        if (JSON.stringify(value) === JSON.stringify(row.value)) continue;
        await tx.execute(
          kind === "text"
            ? sql`update ${t} set ${c} = ${value} where id = ${row.id}`
            : sql`update ${t} set ${c} = ${JSON.stringify(value)}::jsonb where id = ${row.id}`,
        );
      }
    }
  }
}
