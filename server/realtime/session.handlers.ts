// Session events: each socket joins its session's and its member's rooms, so that ending a
// session or changing a member's standing reaches it (server/live.ts); the `hides` room of each
// member it blocks, which chat pushes leave out; and, for moderators, the moderators' room.
import { liveRoom } from "#server/live.ts";
import { z } from "zod";
import { handle, type HandlerDeps, type HearthSocket } from "./handle.ts";
import type { HearthIo } from "./io.ts";

export function sessionHandlers(io: HearthIo) {
  io.on("connection", (socket) => {
    const rooms = [liveRoom({ session: socket.data.sessionId }), liveRoom({ member: socket.data.memberId })];
    if (socket.data.role !== "member") rooms.push(liveRoom({ moderators: true }));
    for (const hiders of socket.data.hides) rooms.push(liveRoom({ hiders }));
    void socket.join(rooms);
  });
}

/** session:check goes the one way every event goes (handle.ts): limited, the member re-read. */
export function sessionCheck(deps: HandlerDeps, socket: HearthSocket) {
  handle(deps, socket, "session:check", z.undefined(), async () => ({ reply: { data: { pseudonym: socket.data.pseudonym } } }));
}
