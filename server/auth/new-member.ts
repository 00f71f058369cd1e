// Writing a new member row, for joining and for the admin CLI alike: a name is free only if no
// member has its key (case-insensitive) or its confusable skeleton (look-alike). The skeleton
// index is not unique (members who joined before skeletons existed may share one), so the check
// runs under a transaction-scoped advisory lock per skeleton: two people joining as "alice" and
// "аlice" at the same moment cannot both pass it. Decision 012.
import { eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { pseudonymSkeleton } from "./confusables.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export interface NewName {
  pseudonym: string;
  key: string;
  /** The first is stored; all are compared (pseudonymSkeletons). */
  skeletons: string[];
}

// The first key of pg_advisory_xact_lock(int, int): a class of its own, apart from the
// migration lock.
const SKELETON_LOCK_CLASS = 7_482_002;
const BACKFILL_BATCH = 500;

/** Fills in the skeletons of members who joined before they were stored, or after the table of
 *  confusables changed (a migration then clears the column). Returns how many it filled. */
export async function backfillSkeletons(db: Db | Tx): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.select({ id: members.id, pseudonym: members.pseudonym }).from(members).where(isNull(members.pseudonymSkeleton)).limit(BACKFILL_BATCH);
    for (const row of rows) {
      await db
        .update(members)
        .set({ pseudonymSkeleton: pseudonymSkeleton(row.pseudonym) })
        .where(sql`${members.id} = ${row.id} AND ${members.pseudonymSkeleton} IS NULL`);
    }
    filled += rows.length;
    if (rows.length < BACKFILL_BATCH) return filled;
  }
}

/** Inserts the member if the name is free; null if it is taken or looks like a taken one. */
/** `status`: `waiting` when registration needs a moderator's approval. */
export async function insertMember(tx: Tx, name: NewName, passphraseHash: string, status: "active" | "waiting" = "active") {
  // In a fixed order, so two joins that share only some skeletons cannot deadlock.
  for (const skeleton of [...name.skeletons].sort()) await tx.execute(sql`SELECT pg_advisory_xact_lock(${SKELETON_LOCK_CLASS}, hashtext(${skeleton}))`);
  const [taken] = await tx
    .select({ id: members.id })
    .from(members)
    .where(or(eq(members.pseudonymKey, name.key), inArray(members.pseudonymSkeleton, name.skeletons)))
    .limit(1);
  if (taken) return null;
  // Rows whose skeleton is not filled in yet (normally none: backfillSkeletons runs before).
  const unfilled = await tx.select({ pseudonym: members.pseudonym }).from(members).where(isNull(members.pseudonymSkeleton));
  if (unfilled.some((row) => name.skeletons.includes(pseudonymSkeleton(row.pseudonym)))) return null;
  const [member] = await tx
    .insert(members)
    .values({ pseudonym: name.pseudonym, pseudonymKey: name.key, pseudonymSkeleton: name.skeletons[0]!, passphraseHash, status })
    .onConflictDoNothing({ target: members.pseudonymKey })
    .returning({ id: members.id, pseudonym: members.pseudonym, role: members.role, status: members.status });
  return member ?? null;
}
