// Session events: each socket joins its session's and its member's rooms, so that ending a
// session or changing a member's standing reaches it (server/live.ts).
import { liveRoom } from "#server/live.ts";
import type { HearthIo } from "./io.ts";

export function sessionHandlers(io: HearthIo) {
  io.on("connection", (socket) => {
    void socket.join([liveRoom({ session: socket.data.sessionId }), liveRoom({ member: socket.data.memberId })]);
    socket.on("session:check", (ack) => {
      if (typeof ack !== "function") return;
      ack({ ok: true, data: { pseudonym: socket.data.pseudonym } });
    });
  });
}
