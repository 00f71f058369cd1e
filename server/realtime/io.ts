// socket.io on Hearth's one http.Server. Websockets are not subject to CORS, so the handshake's
// Origin is checked in allowRequest; the session is checked by middleware (socket-auth.ts), which
// connection-state recovery never skips.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "#app/contracts/events.ts";
import { isSameOrigin } from "#server/http/origin-check.ts";

export type HearthIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface IoDeps {
  publicOrigin?: string;
  trustProxy: boolean;
  redis?: Redis | null;
}

export function createIo(httpServer: HttpServer, deps: IoDeps): HearthIo {
  return new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024, // the largest legal message, not socket.io's 1 MB default
    allowRequest: (req, callback) => callback(null, isSameOrigin(req, deps.publicOrigin, deps.trustProxy)),
    ...(deps.redis ? { adapter: createAdapter(deps.redis) } : {}),
  });
}
