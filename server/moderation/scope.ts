// Which forums' work a moderator sees: a moderator of chosen forums sees those forums' items and
// audit rows; moderators of every forum and admins see everything, including what belongs to no
// forum (member reports, repeat-image alerts, approvals). One answer for the queue and the log.
import type { Actor } from "#server/authz/policy.ts";

/** null: every forum and the forum-less items; otherwise the forums' ids. */
export function forumScope(actor: Actor): string[] | null {
  if (actor.role === "admin" || actor.moderatedForums === null) return null;
  return actor.moderatedForums;
}
