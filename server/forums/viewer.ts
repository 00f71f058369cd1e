// Who is reading: a signed-in member (any role) or nobody. Members-only forums exist only for
// members: to everyone else they are 404, never 403, so their existence does not leak.
import { eq, or, sql, type SQL } from "drizzle-orm";
import { forums } from "#db/schema.ts";

export type Viewer = { id: string; role: "member" | "moderator" | "admin" } | null;

/** A viewer known now, or (in a prepared statement) an SQL expression for the viewer's id. */
export function forumVisibleTo(viewer: Viewer | SQL): SQL | undefined {
  if (viewer && "getSQL" in viewer) return or(sql`${viewer} is not null`, eq(forums.visibility, "public"));
  return viewer ? undefined : eq(forums.visibility, "public");
}

export const PAGE_SIZE = 25;

export const MAX_PAGE = 100_000;

/** A `?page=` value: absent is page 1; anything but plain digits from 1 to MAX_PAGE is null (the
 *  route answers 404). Number() alone would let 1e3 or 99999999999999999999 through to an
 *  OFFSET that PostgreSQL refuses, a 500. */
export function pageNumber(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return 1;
  if (!/^[0-9]{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_PAGE ? n : null;
}
