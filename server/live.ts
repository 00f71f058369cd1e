// The Live port: how services reach open screens without knowing about sockets. The realtime
// layer implements it with socket.io (server/realtime/io-live.ts); the admin CLI, which runs in
// another process, implements it with PostgreSQL NOTIFY, which every running node listens for
// (server/realtime/notify-live.ts). Start order: io → live → services → socket handlers.
import type { ServerToClientEvents } from "#app/contracts/events.ts";

export type LiveEvent = keyof ServerToClientEvents;
export type LiveArgs<E extends LiveEvent> = Parameters<ServerToClientEvents[E]>;

/** Where a push goes: everyone reading a thread, everyone in a chat room (but the members who
 *  block `hiddenFrom`, the author), one member's screens, or every moderator's. */
export type LiveTarget = { thread: string } | { room: string; hiddenFrom?: string } | { member: string } | { moderators: true };

export interface Live {
  push<E extends LiveEvent>(to: LiveTarget, event: E, ...args: LiveArgs<E>): Promise<void>;
  /** Tells the sockets of these sessions that they ended, then closes them, on every node. */
  endSessions(sessionIds: string[]): Promise<void>;
  /** Closes every socket of a member, on every node (a role change, a ban): a socket that
   *  reconnects is authenticated again, with what the database says now. */
  closeMemberSockets(memberId: string): Promise<void>;
}

/** The socket.io room a target maps to. Sessions have rooms of their own, and every socket of a
 *  member who blocks someone joins that someone's `hides` room, which chat pushes leave out. */
export function liveRoom(to: LiveTarget | { session: string } | { hiders: string }): string {
  if ("thread" in to) return `thread:${to.thread}`;
  if ("room" in to) return `room:${to.room}`;
  if ("member" in to) return `member:${to.member}`;
  if ("moderators" in to) return "moderators";
  if ("hiders" in to) return `hides:${to.hiders}`;
  return `session:${to.session}`;
}
