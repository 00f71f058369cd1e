// What the Live port asks of socket.io, as data: the socket.io implementation applies a command at
// once (through the adapter, to every node); the NOTIFY implementation sends it to every node,
// and each applies it to its own sockets.
import { z } from "zod";
import { liveRoom, type LiveEvent, type LiveTarget } from "#server/live.ts";
import type { HearthIo } from "./io.ts";

export type LiveCommand =
  | { kind: "push"; to: LiveTarget; event: LiveEvent; args: unknown[] }
  | { kind: "end-sessions"; sessionIds: string[] }
  | { kind: "close-member"; memberId: string }
  /** Every socket closes and reconnects: a change that moves many members' access at once. */
  | { kind: "close-all" };

const id = z.string().min(1).max(128);
const target = z.union([
  z.object({ thread: id }).strict(),
  z.object({ room: id, hiddenFrom: id.optional() }).strict(),
  z.object({ member: id }).strict(),
  z.object({ moderators: z.literal(true) }).strict(),
]);
export const liveCommand: z.ZodType<LiveCommand> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("push"), to: target, event: z.string().regex(/^[a-z]+:[a-z-]+$/) as z.ZodType<LiveEvent>, args: z.array(z.unknown()).max(4) }),
  z.object({ kind: z.literal("end-sessions"), sessionIds: z.array(id).max(1000) }),
  z.object({ kind: z.literal("close-member"), memberId: id }),
  z.object({ kind: z.literal("close-all") }),
]);

/** `io` reaches every node (through the adapter); `io.local` only this node's sockets. */
export function applyLiveCommand(io: HearthIo | HearthIo["local"], command: LiveCommand) {
  switch (command.kind) {
    case "push": {
      const to = command.to;
      const hidden = "hiddenFrom" in to && to.hiddenFrom ? liveRoom({ hiders: to.hiddenFrom }) : null;
      const room = hidden ? io.to(liveRoom(to)).except(hidden) : io.to(liveRoom(to));
      (room.emit as (event: string, ...args: unknown[]) => boolean)(command.event, ...command.args);
      return;
    }
    case "end-sessions":
      for (const session of command.sessionIds) {
        io.to(liveRoom({ session })).emit("session:ended");
        io.in(liveRoom({ session })).disconnectSockets(true);
      }
      return;
    case "close-member":
      io.in(liveRoom({ member: command.memberId })).disconnectSockets(true);
      return;
    case "close-all":
      io.disconnectSockets(true);
      return;
  }
}

/** Session ids per command: 100 uuids are about 4 kB of JSON. */
export const SESSIONS_PER_COMMAND = 100;

/** A Live port that hands each command to `send`: socket.io directly, or NOTIFY. */
export function liveFrom(send: (command: LiveCommand) => Promise<void>) {
  return {
    push: (to: LiveTarget, event: LiveEvent, ...args: unknown[]) => send({ kind: "push", to, event, args }),
    // In batches: a NOTIFY carries at most 8000 bytes, and a member may have many sessions.
    endSessions: async (sessionIds: string[]) => {
      for (let i = 0; i < sessionIds.length; i += SESSIONS_PER_COMMAND)
        await send({ kind: "end-sessions", sessionIds: sessionIds.slice(i, i + SESSIONS_PER_COMMAND) });
    },
    closeMemberSockets: (memberId: string) => send({ kind: "close-member", memberId }),
  };
}
