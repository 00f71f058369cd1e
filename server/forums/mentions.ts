// @pseudonym mentions notify the member named, unless that member has blocked the author.
// Mentions name pseudonyms without spaces (a space ends the mention).
import { and, eq, inArray, ne, notExists } from "drizzle-orm";
import type { DbOrTx } from "#db/client.ts";
import { blocks, members, notifications } from "#db/schema.ts";
import { pseudonymKey } from "#server/auth/pseudonym.ts";

const MENTION = /(?:^|[^\p{L}\p{N}_.@-])@([\p{L}\p{M}\p{N}_.-]{3,32})/gu;
const MAX_MENTIONS = 20;

export function mentionedKeys(source: string): string[] {
  const keys = new Set<string>();
  for (const match of source.matchAll(MENTION)) {
    keys.add(pseudonymKey(match[1]!.replace(/[.-]+$/, "")));
    if (keys.size >= MAX_MENTIONS) break;
  }
  return [...keys];
}

/** Returns the ids of the members notified. */
export async function notifyMentions(db: DbOrTx, input: { postId: string; authorId: string; source: string }) {
  const keys = mentionedKeys(input.source);
  if (keys.length === 0) return [];
  const targets = await db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        inArray(members.pseudonymKey, keys),
        ne(members.id, input.authorId),
        eq(members.status, "active"),
        notExists(
          db
            .select()
            .from(blocks)
            .where(and(eq(blocks.blockerId, members.id), eq(blocks.blockedId, input.authorId))),
        ),
      ),
    )
    // A member being erased at this moment holds their row: wait for it, and then they are not
    // found, instead of a notification to a member who is gone failing the whole post.
    .for("key share");
  if (targets.length === 0) return [];
  await db
    .insert(notifications)
    .values(targets.map((t) => ({ memberId: t.id, kind: "mention" as const, postId: input.postId, actorId: input.authorId })))
    .onConflictDoNothing();
  return targets.map((t) => t.id);
}
