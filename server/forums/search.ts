// /search: posts and thread titles the reader may see, in English and in Chinese, 25 a page, in
// two queries (a count and a page). Chinese has no spaces, so every term is matched as a
// substring — LIKE/ILIKE, which pg_trgm's GIN indexes serve for terms of 3 or more characters on
// every PostgreSQL Hearth supports (docs/decisions/008-search.md).
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias, union, type PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "#db/client.ts";
import { blocks, forums, members, posts, threads } from "#db/schema.ts";
import { caseless, length, likePattern, parseSearchQuery, searchable } from "./search-query.ts";
import { snippet } from "./search-snippet.ts";
import { forumVisibleTo, PAGE_SIZE, type Viewer } from "./viewer.ts";

export type SearchNotice = "search.tooShort" | "search.noResults";

/** A term anywhere in a column. Caseless terms (Chinese) skip ILIKE's case folding; two
 * characters make no trigram, so no index can help and strpos is the cheapest scan. */
function contains(column: PgColumn, term: string): SQL {
  if (!caseless(term)) return sql`${column} ilike ${likePattern(term)}`;
  return length(term) < 3 ? sql`strpos(${column}, ${term}) > 0` : sql`${column} like ${likePattern(term)}`;
}

export async function searchPosts(db: Db, viewer: Viewer, raw: string, requested: number) {
  const query = parseSearchQuery(raw);
  const none = (notice: SearchNotice | null) => ({ query: query.text, terms: query.terms, results: [], page: 1, pages: 1, total: 0, notice });
  if (!query.text) return none(null);
  if (!searchable(query)) return none("search.tooShort");
  const { terms } = query;

  // The driving term (the longest) picks candidates through the two trigram indexes; a single
  // OR across posts and threads would leave the planner nothing but a sequential scan.
  const hitThreads = alias(threads, "hit_threads");
  const hitPosts = alias(posts, "hit_posts");
  const candidates = union(
    db.select({ id: posts.id }).from(posts).where(contains(posts.bodySource, terms[0]!)),
    db.select({ id: hitPosts.id }).from(hitThreads).innerJoin(hitPosts, eq(hitPosts.threadId, hitThreads.id)).where(contains(hitThreads.title, terms[0]!)),
  );
  // A thread found by its title is shown once, through its first visible post.
  const first = alias(posts, "first_post");
  const opener = db
    .select({ id: first.id })
    .from(first)
    .where(and(eq(first.threadId, threads.id), eq(first.status, "visible")))
    .orderBy(asc(first.createdAt), asc(first.id))
    .limit(1)
    .as("opener");
  const where = and(
    inArray(posts.id, candidates),
    eq(posts.status, "visible"),
    eq(threads.status, "visible"),
    forumVisibleTo(viewer),
    ...terms.map((term) => or(contains(threads.title, term), contains(posts.bodySource, term))),
    or(eq(posts.id, opener.id), ...terms.map((term) => contains(posts.bodySource, term))),
  );
  const matching = () =>
    db
      .select({ n: count() })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .innerJoin(forums, eq(forums.id, threads.forumId))
      .leftJoinLateral(opener, sql`true`);

  const [total] = await matching().where(where);
  const found = total?.n ?? 0;
  if (found === 0) return none("search.noResults");
  const pages = Math.ceil(found / PAGE_SIZE);
  const page = Math.min(requested, pages);

  const titleHit = sql<boolean>`(${and(eq(posts.id, opener.id), ...terms.map((term) => contains(threads.title, term)))}) is true`;
  const score = sql`greatest(similarity(${threads.title}, ${query.text}), word_similarity(${query.text}, ${posts.bodySource}))`;
  const rows = await db
    .select({
      postId: posts.id,
      threadId: threads.id,
      title: threads.title,
      forumSlug: forums.slug,
      author: members.pseudonym,
      bodySource: posts.bodySource,
      contentWarning: sql<string | null>`coalesce(${posts.contentWarning}, ${threads.contentWarning})`,
      blocked: sql<boolean>`${blocks.blockerId} is not null`,
      threadPage: threadPageOf(db, viewer),
      createdAt: posts.createdAt,
      titleHit,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .leftJoinLateral(opener, sql`true`)
    .leftJoin(members, eq(members.id, posts.authorId))
    .leftJoin(blocks, viewer ? and(eq(blocks.blockerId, viewer.id), eq(blocks.blockedId, posts.authorId)) : sql`false`)
    .where(where)
    .orderBy(desc(titleHit), desc(score), desc(posts.createdAt), desc(posts.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);

  const results = rows.map(({ bodySource, ...row }) => ({ ...row, snippet: snippet(bodySource, terms) }));
  return { query: query.text, terms, results, page, pages, total: found, notice: null };
}

/** The page of the thread a post is on, counting what the thread page shows this reader
 * (thread-page.ts: visible and deleted posts, and the reader's own pending ones). */
function threadPageOf(db: Db, viewer: Viewer) {
  const earlier = alias(posts, "earlier");
  const shown = or(inArray(earlier.status, ["visible", "deleted"]), viewer ? and(eq(earlier.status, "pending"), eq(earlier.authorId, viewer.id)) : undefined);
  const before = db
    .select({ n: count() })
    .from(earlier)
    .where(and(eq(earlier.threadId, posts.threadId), shown, sql`(${earlier.createdAt}, ${earlier.id}) < (${posts.createdAt}, ${posts.id})`));
  return sql<number>`(${before}) / ${PAGE_SIZE} + 1`.mapWith(Number);
}
