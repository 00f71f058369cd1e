// Who is in a room, and who is typing (docs/chat.md, "Presence"). Both reach screens straight
// through socket.io, since they are about sockets and nothing is stored.
//
// - Presence is the number of distinct members with a socket in the room, counted across nodes
//   (fetchSockets goes through the adapter). Everyone in the room gets the count; the room's
//   moderators' sub-room (sockets of members with chat.moderate, joined at chat:join) gets the
//   names too. A burst of joins costs one count, not one each: a room is counted at most once a
//   second, a moment after the first change so that a burst settles into one push.
// - Typing goes to the room without the typer's name, to its moderators with it, and never to
//   the typer's own sockets or to members who block the typer.
import { liveRoom } from "#server/live.ts";
import type { HearthIo } from "#server/realtime/io.ts";

/** The socket.io room of a chat room's moderators: where names are sent. */
export function moderatorsOf(slug: string): string {
  return `chat-mods:${slug}`;
}

/** The longest a room waits between two presence pushes, and the pause that lets a burst settle. */
export const PRESENCE_GAP_MS = 1000;
const SETTLE_MS = 100;

export interface Presence {
  /** Someone joined or left `slug`: count it again, soon. */
  changed(slug: string): void;
  typing(slug: string, typer: { memberId: string; pseudonym: string }): void;
}

const perIo = new WeakMap<HearthIo, Presence>();

/** One presence per socket.io server, shared by all its sockets' handlers. */
export function presenceOf(io: HearthIo): Presence {
  let presence = perIo.get(io);
  if (!presence) {
    presence = createPresence(io);
    perIo.set(io, presence);
  }
  return presence;
}

function createPresence(io: HearthIo): Presence {
  const rooms = new Map<string, { timer: NodeJS.Timeout | null; last: number }>();

  async function publish(slug: string) {
    const sockets = await io.in(liveRoom({ room: slug })).fetchSockets();
    const present = new Map<string, string>();
    for (const socket of sockets) present.set(socket.data.memberId, socket.data.pseudonym);
    const count = present.size;
    io.to(liveRoom({ room: slug }))
      .except(moderatorsOf(slug))
      .emit("chat:presence", { room: slug, count });
    io.to(moderatorsOf(slug)).emit("chat:presence", { room: slug, count, names: [...present.values()].sort() });
  }

  return {
    changed(slug) {
      let entry = rooms.get(slug);
      if (!entry) {
        entry = { timer: null, last: 0 };
        rooms.set(slug, entry);
      }
      if (entry.timer) return;
      const room = entry;
      const wait = Math.max(SETTLE_MS, room.last + PRESENCE_GAP_MS - Date.now());
      room.timer = setTimeout(() => {
        room.timer = null;
        room.last = Date.now();
        // A node that does not answer in time leaves this count out; the next change counts again.
        publish(slug).catch(() => {});
      }, wait);
      room.timer.unref();
    },
    typing(slug, typer) {
      const hidden = [liveRoom({ member: typer.memberId }), liveRoom({ hiders: typer.memberId })];
      io.to(liveRoom({ room: slug }))
        .except([moderatorsOf(slug), ...hidden])
        .emit("chat:typing", { room: slug });
      io.to(moderatorsOf(slug)).except(hidden).emit("chat:typing", { room: slug, name: typer.pseudonym });
    },
  };
}
