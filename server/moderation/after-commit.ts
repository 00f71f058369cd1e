// What an action does once its transaction has committed: the members it told something are
// nudged to re-read their notifications; open thread pages are told of posts that came into or
// went out of view (server/forums/live-posts.ts); a suspension or ban closes their sockets and
// ends their sessions. Never before the commit: a rolled-back action must reach no screen.
import type { DbOrTx } from "#db/client.ts";
import { pushPostChanges, type PostChanges } from "#server/forums/live-posts.ts";
import type { Live } from "#server/live.ts";

export interface AfterCommit {
  /** Members with a new notification (an event, a mention in an approved post). */
  notify?: string[];
  /** Posts now visible, or no longer, for the open pages of their threads. */
  posts?: PostChanges;
  /** Members whose sockets close (suspension, ban). */
  closeSockets?: string[];
  /** Sessions ended (a ban). */
  endSessions?: string[];
}

export async function afterCommit(deps: { db: DbOrTx; live: Live }, done: AfterCommit) {
  const { live } = deps;
  if (done.endSessions?.length) await live.endSessions(done.endSessions);
  for (const member of done.closeSockets ?? []) await live.closeMemberSockets(member);
  if (done.posts) await pushPostChanges(deps, done.posts);
  for (const member of new Set(done.notify ?? [])) await live.push({ member }, "notifications:new");
}
