// What an action does once its transaction has committed: the members it told something are
// nudged to re-read their notifications; a suspension or ban closes their sockets and ends their
// sessions. Never before the commit: a rolled-back action must reach no screen.
import type { Live } from "#server/live.ts";

export interface AfterCommit {
  /** Members with a new notification (an event, a mention in an approved post). */
  notify?: string[];
  /** Members whose sockets close (suspension, ban). */
  closeSockets?: string[];
  /** Sessions ended (a ban). */
  endSessions?: string[];
}

export async function afterCommit(live: Live, done: AfterCommit) {
  if (done.endSessions?.length) await live.endSessions(done.endSessions);
  for (const member of done.closeSockets ?? []) await live.closeMemberSockets(member);
  for (const member of new Set(done.notify ?? [])) await live.push({ member }, "notifications:new");
}
