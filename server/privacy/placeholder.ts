// What erasure leaves where a member's writing was (issue 12): their posts become "removed by its
// author" placeholders with no text, as deleting one's own post does (server/forums/editing.ts),
// so that others' replies keep their place; a thread they started keeps others' replies under a
// neutral title, since a title is the member's own text. What was never shown to anyone (a post
// or thread still waiting for a moderator) goes entirely, as it does when its author deletes it.
import { sql } from "drizzle-orm";
import type { Tx } from "#db/client.ts";

/** The title a thread keeps when its author is erased. */
export const ERASED_THREAD_TITLE = "Removed by its author";

async function threads(tx: Tx, memberId: string) {
  await tx.execute(sql`delete from threads where author_id = ${memberId} and status = 'pending'`);
  await tx.execute(sql`update threads set title = ${ERASED_THREAD_TITLE}, content_warning = null, author_id = null where author_id = ${memberId}`);
}

async function posts(tx: Tx, memberId: string) {
  await tx.execute(sql`delete from posts where author_id = ${memberId} and status = 'pending'`);
  await tx.execute(sql`update posts set status = 'deleted', body_source = '', body_html = '', content_warning = null,
                         idempotency_key = gen_random_uuid()::text, edited_at = now(), author_id = null
                       where author_id = ${memberId}`);
}

/** Per table whose map entry says `placeholder`; erase.ts fails on a table missing here. */
export const PLACEHOLDERS: Readonly<Record<string, (tx: Tx, memberId: string) => Promise<void>>> = { threads, posts };
