// Session events: each socket joins its session's and its member's rooms, so that ending a
// session or changing a member's standing reaches it (server/live.ts); the `hides` room of each
// member it blocks, which chat pushes leave out; and, for moderators, the moderators' room.
import { liveRoom } from "#server/live.ts";
import type { HearthIo } from "./io.ts";

export function sessionHandlers(io: HearthIo) {
  io.on("connection", (socket) => {
    const rooms = [liveRoom({ session: socket.data.sessionId }), liveRoom({ member: socket.data.memberId })];
    if (socket.data.role !== "member") rooms.push(liveRoom({ moderators: true }));
    for (const hiders of socket.data.hides) rooms.push(liveRoom({ hiders }));
    void socket.join(rooms);
    socket.on("session:check", (ack) => {
      if (typeof ack !== "function") return;
      ack({ ok: true, data: { pseudonym: socket.data.pseudonym } });
    });
  });
}
