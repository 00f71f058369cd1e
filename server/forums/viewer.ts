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

export function pageNumber(raw: string | null | undefined): number {
  const n = Number(raw ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE ? n : 1;
}
