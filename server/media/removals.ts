// The record of every removal: where, what format, how big, a SHA-256 — never the bytes. Counts
// and repeat attempts are what moderators see.
import { createHash } from "node:crypto";
import { and, count, desc, eq, gte } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client.ts";
import { mediaRemovals, members } from "#db/schema.ts";

export type RemovalChannel = (typeof mediaRemovals.$inferInsert)["channel"];

export function sha256Of(data: Uint8Array | string) {
  return createHash("sha256").update(data).digest("hex");
}

export async function recordRemoval(db: DbOrTx, removal: { memberId: string | null; channel: RemovalChannel; format: string; bytes: Uint8Array | string }) {
  const size = typeof removal.bytes === "string" ? Buffer.byteLength(removal.bytes) : removal.bytes.byteLength;
  await db
    .insert(mediaRemovals)
    .values({ memberId: removal.memberId, channel: removal.channel, format: removal.format.slice(0, 40), size, sha256: sha256Of(removal.bytes) });
}

/** A removal found by the guard and not yet recorded. `bytes` is in memory only, for the size
 *  and SHA-256: never store, log or echo it (it may be the image itself). */
export interface PendingRemoval {
  channel: RemovalChannel;
  format: string;
  bytes: Uint8Array | string;
}

/** Records several removals in one statement (all or none), outside any caller's transaction
 *  when given the pool: see guard.ts for why. */
export async function recordRemovals(db: DbOrTx, memberId: string | null, removals: readonly PendingRemoval[]) {
  if (removals.length === 0) return;
  await db.insert(mediaRemovals).values(
    removals.map((r) => ({
      memberId,
      channel: r.channel,
      format: r.format.slice(0, 40),
      size: typeof r.bytes === "string" ? Buffer.byteLength(r.bytes) : r.bytes.byteLength,
      sha256: sha256Of(r.bytes),
    })),
  );
}

/** Removals per member since a time, most first: repeat attempts stand out. */
export async function removalCounts(db: Db, since: Date) {
  return db
    .select({ pseudonym: members.pseudonym, memberId: mediaRemovals.memberId, removals: count() })
    .from(mediaRemovals)
    .leftJoin(members, eq(members.id, mediaRemovals.memberId))
    .where(gte(mediaRemovals.createdAt, since))
    .groupBy(mediaRemovals.memberId, members.pseudonym)
    .orderBy(desc(count()));
}

export async function removalsOf(db: Db, memberId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(mediaRemovals)
    .where(and(eq(mediaRemovals.memberId, memberId)));
  return row?.n ?? 0;
}
