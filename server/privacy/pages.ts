// Reading a member's rows a page at a time (keyset pagination), so an export of any size holds
// one page in memory: each page starts after the last row of the one before, in a fixed order,
// which neither skips nor repeats a row that is there throughout (OFFSET would re-read what it
// skips, and shift when rows come or go).
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** Rows per query: 500 posts of the usual size are a few hundred kilobytes. */
export const PAGE = 500;

/** A plain JSON value: what the export's writers receive (times already ISO 8601 strings). */
export type Item = Record<string, unknown>;

/** Pages of rows until one comes back short; `fetch` reads the page after `after` (null: the first). */
export async function* pages<Row>(fetch: (after: Row | null) => Promise<Row[]>): AsyncGenerator<Row[]> {
  let after: Row | null = null;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!;
  }
}

/** A row's place in (time, id) order. The time is read as PostgreSQL's own text, to the
 *  microsecond: a JavaScript Date keeps milliseconds, and a cursor rounded down would read again
 *  the rows of the same millisecond. */
export interface TimeCursor {
  cursorAt: string;
  id: string;
}

export const cursorText = (column: AnyPgColumn) => sql<string>`${column}::text`;

/** Rows after `after` in (time, id) order; no condition for the first page. */
export function afterTime(time: AnyPgColumn, id: AnyPgColumn, after: TimeCursor | null): SQL {
  return after ? sql`(${time}, ${id}) > (${after.cursorAt}::timestamptz, ${after.id}::uuid)` : sql`true`;
}

/** Rows after `after` in the order of one unique column; no condition for the first page. */
export function afterKey(column: AnyPgColumn, after: string | number | null): SQL {
  return after === null ? sql`true` : sql`${column} > ${after}`;
}

export const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** Drops the cursor field a query needed for paging from the item the export shows. */
export function withoutCursor<T extends { cursorAt: string }>(row: T): Omit<T, "cursorAt"> {
  const { cursorAt: _cursor, ...item } = row;
  return item;
}

/** Pages in (time, id) order, as items: Dates as ISO strings, without the cursor. */
export async function* timed<Row extends TimeCursor>(fetch: (after: TimeCursor | null) => Promise<Row[]>): AsyncGenerator<Item[]> {
  for await (const rows of pages<Row>(fetch)) yield rows.map((row) => datesAsText(withoutCursor(row)));
}

/** Every Date value of an item as ISO 8601 text (JSON and HTML both read text). */
export function datesAsText(row: Record<string, unknown>): Item {
  const item: Item = {};
  for (const [key, value] of Object.entries(row)) item[key] = value instanceof Date ? value.toISOString() : value;
  return item;
}
