// Closing a socket that keeps sending after it has been told "too fast" (event-limits.ts,
// FLOOD): the per-member limit keeps a flood out of the room, and this keeps it off the node's
// event loop, where every refused packet would still be read, limited and answered.
import { FLOOD } from "./event-limits.ts";

const refusals = new WeakMap<object, { since: number; count: number }>();
const closing = new WeakSet<object>();

/** True once `socket` has been refused too often: what it has sent since is dropped unanswered. */
export const isClosing = (socket: object) => closing.has(socket);

/** Counts one refusal for `socket`; true when it has now been refused too often to keep. */
export function refusedTooOften(socket: object, now = Date.now()): boolean {
  const seen = refusals.get(socket);
  if (!seen || now - seen.since > FLOOD.seconds * 1000) {
    refusals.set(socket, { since: now, count: 1 });
    return false;
  }
  seen.count++;
  if (seen.count < FLOOD.refusals) return false;
  closing.add(socket);
  return true;
}
