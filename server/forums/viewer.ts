// Who is reading: a signed-in member (any role) or nobody. Members-only forums exist only for
// members: to everyone else they are 404, never 403, so their existence does not leak.
import { eq, type SQL } from "drizzle-orm";
import { forums } from "#db/schema.ts";

export type Viewer = { id: string; role: "member" | "moderator" | "admin" } | null;

export function forumVisibleTo(viewer: Viewer): SQL | undefined {
  return viewer ? undefined : eq(forums.visibility, "public");
}

export const PAGE_SIZE = 25;

export function pageNumber(raw: string | null | undefined): number {
  const n = Number(raw ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
