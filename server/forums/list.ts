// /forums: each forum the viewer may see, with its thread and post counts and last activity —
// one query, counting only what is visible.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { forums, threads } from "#db/schema.ts";
import { forumVisibleTo, type Viewer } from "./viewer.ts";

export async function listForums(db: Db, viewer: Viewer) {
  return db
    .select({
      slug: forums.slug,
      names: forums.names,
      descriptions: forums.descriptions,
      visibility: forums.visibility,
      threadCount: sql<number>`count(${threads.id})::int`,
      postCount: sql<number>`coalesce(sum(${threads.postCount}), 0)::int`,
      lastActivityAt: sql<Date | null>`max(${threads.lastActivityAt})`.mapWith((v) => (v ? new Date(v) : null)),
    })
    .from(forums)
    .leftJoin(threads, and(eq(threads.forumId, forums.id), eq(threads.status, "visible")))
    .where(forumVisibleTo(viewer))
    .groupBy(forums.id)
    .orderBy(asc(forums.position));
}

export async function findForum(db: Db, viewer: Viewer, slug: string) {
  const [forum] = await db
    .select()
    .from(forums)
    .where(and(eq(forums.slug, slug), forumVisibleTo(viewer)));
  return forum ?? null;
}
