// The realtime layer: socket.io (io.ts), the Live port it implements (io-live.ts), the NOTIFY
// listener that lets other processes reach its sockets (live-listener.ts), and the socket
// handlers, one file per domain, which call the same services as the routes.
import type { HearthServices } from "#server/services.ts";
import type { HearthIo } from "./io.ts";
import { sessionHandlers } from "./session.handlers.ts";
import { authenticateSockets } from "./socket-auth.ts";

export { createIo, type HearthIo } from "./io.ts";
export { createIoLive } from "./io-live.ts";
export { listenForLive } from "./live-listener.ts";

/** Last in the start order (io → live → services → handlers): handlers need the services. */
export function attachSocketHandlers(io: HearthIo, services: HearthServices, opts: { https: boolean }) {
  authenticateSockets(io, services, opts.https);
  sessionHandlers(io);
}
