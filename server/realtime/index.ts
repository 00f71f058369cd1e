// The realtime layer: socket.io (io.ts), the Live port it implements (io-live.ts), the NOTIFY
// listener that lets other processes reach its sockets (live-listener.ts), and the socket
// handlers, one file per domain (here and in server/chat/), which call the same services as the
// routes through handle.ts.
import { chatHandlers } from "#server/chat/chat.handlers.ts";
import type { Log } from "#server/log.ts";
import type { HearthServices } from "#server/services.ts";
import type { EventLimiter } from "./event-limits.ts";
import type { HandlerDeps } from "./handle.ts";
import type { HearthIo } from "./io.ts";
import { sessionCheck, sessionHandlers } from "./session.handlers.ts";
import { authenticateSockets } from "./socket-auth.ts";
import { threadHandlers } from "./thread.handlers.ts";

export { eventLimiter } from "./event-limits.ts";
export { createIo, type HearthIo } from "./io.ts";
export { createIoLive } from "./io-live.ts";
export { listenForLive } from "./live-listener.ts";

/** Last in the start order (io → live → services → handlers): handlers need the services. */
export function attachSocketHandlers(io: HearthIo, services: HearthServices, opts: { https: boolean; limiter: EventLimiter; log: Log }) {
  authenticateSockets(io, services, opts.https, opts.limiter);
  sessionHandlers(io);
  const deps: HandlerDeps = { services, limiter: opts.limiter, log: opts.log };
  io.on("connection", (socket) => {
    sessionCheck(deps, socket);
    chatHandlers(deps, socket, io);
    threadHandlers(deps, socket);
  });
}
