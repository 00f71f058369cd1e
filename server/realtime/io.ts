// socket.io on Hearth's one http.Server. Websockets are not subject to CORS, so the handshake's
// Origin is checked in allowRequest; the session is checked by middleware (socket-auth.ts), which
// connection-state recovery never skips.
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "#app/contracts/events.ts";
import { localFirst } from "./adapter-local-first.ts";
import { isSameOrigin } from "#server/http/origin-check.ts";
import { applySecurityHeaders } from "#server/http/security-headers.ts";
import { compileTrust, type TrustProxy } from "#server/http/trust-proxy.ts";

export type HearthIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface IoDeps {
  https: boolean;
  publicOrigin?: string;
  trustProxy: TrustProxy;
  redis?: Redis | null;
}

export function createIo(httpServer: HttpServer, deps: IoDeps): HearthIo {
  const trust = compileTrust(deps.trustProxy);
  const io: HearthIo = new Server(httpServer, {
    serveClient: false,
    // The largest legal packet, not socket.io's 1 MB default: a chat:send of CHAT_BODY_MAX code
    // points (8 KB at most in UTF-8) even with an image pasted in for the media guard to remove
    // (chat.handlers.ts reads up to 60,000 characters), with the packet's framing.
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, isSameOrigin(req, deps.publicOrigin, trust)),
    // No connection-state recovery (decision 016): a reconnecting page asks for what it missed.
    ...(deps.redis ? { adapter: localFirst(createAdapter(deps.redis)) } : {}),
  });
  // socket.io's engine answers its own requests, outside Express, the handshake refusal
  // included: its middlewares run before allowRequest, on polling and upgrade requests alike.
  io.engine.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    applySecurityHeaders(res, { https: deps.https });
    next();
  });
  return io;
}
