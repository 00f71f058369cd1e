// Blocking: the blocked member's posts are collapsed for the blocker, and their mentions of the
// blocker are dropped. Blocking is private: the blocked member is not told.
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { blocks, members } from "#db/schema.ts";
import { Invalid, NotFound } from "#server/errors.ts";

async function memberByPseudonym(db: Db, pseudonym: string) {
  const [row] = await db.select({ id: members.id }).from(members).where(eq(members.pseudonym, pseudonym));
  if (!row) throw new NotFound();
  return row;
}

export async function block(db: Db, blockerId: string, pseudonym: string) {
  const target = await memberByPseudonym(db, pseudonym);
  if (target.id === blockerId) throw new Invalid({}, "block.self");
  await db.insert(blocks).values({ blockerId, blockedId: target.id }).onConflictDoNothing();
}

export async function unblock(db: Db, blockerId: string, pseudonym: string) {
  const target = await memberByPseudonym(db, pseudonym);
  await db.delete(blocks).where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, target.id)));
}

/** The members a member blocks: their sockets join each one's `hides` room (server/live.ts). */
export async function blockedIds(db: Db, blockerId: string): Promise<string[]> {
  const rows = await db.select({ id: blocks.blockedId }).from(blocks).where(eq(blocks.blockerId, blockerId));
  return rows.map((r) => r.id);
}

/** The pseudonyms of the members a member blocks (their own page's data: a thread page collapses
 *  live posts by them as it collapses rendered ones). */
export async function blockedPseudonyms(db: Db, blockerId: string): Promise<string[]> {
  const rows = await db
    .select({ pseudonym: members.pseudonym })
    .from(blocks)
    .innerJoin(members, eq(members.id, blocks.blockedId))
    .where(eq(blocks.blockerId, blockerId));
  return rows.map((r) => r.pseudonym);
}
