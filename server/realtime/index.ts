// socket.io on Hearth's one http.Server. Websockets are not subject to CORS, so the handshake's
// Origin is checked in allowRequest (SECURITY.md); the session cookie is required and re-checked
// by middleware, which connection-state recovery never skips.
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "#app/realtime/events.ts";
import type { Db } from "#db/client.ts";
import { parseCookies, sessionCookieName } from "#server/auth/session-cookie.ts";
import { validateSessionToken } from "#server/auth/session.ts";
import { isSameOrigin } from "#server/http/origin-check.ts";
import { applySecurityHeaders } from "#server/http/security-headers.ts";
import { compileTrust, type TrustProxy } from "#server/http/trust-proxy.ts";

export type HearthIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  db: Db;
  https: boolean;
  publicOrigin?: string;
  trustProxy: TrustProxy;
  redis?: Redis | null;
}

export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps) {
  const trust = compileTrust(deps.trustProxy);
  const io: HearthIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024, // the largest legal message, not socket.io's 1 MB default
    allowRequest: (req, callback) => callback(null, isSameOrigin(req, deps.publicOrigin, trust)),
    ...(deps.redis ? { adapter: createAdapter(deps.redis) } : {}),
  });

  // socket.io's engine answers its own requests, outside Express, the handshake refusal
  // included: its middlewares run before allowRequest, on polling and upgrade requests alike.
  io.engine.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    applySecurityHeaders(res, { https: deps.https });
    next();
  });

  io.use(async (socket, next) => {
    const token = parseCookies(socket.request.headers.cookie)[sessionCookieName(deps.https)];
    const valid = token ? await validateSessionToken(deps.db, token).catch(() => null) : null;
    if (!valid) return next(new Error("unauthorized"));
    socket.data = { memberId: valid.member.id, pseudonym: valid.member.pseudonym, sessionId: valid.session.id };
    next();
  });

  io.on("connection", (socket) => {
    void socket.join([`session:${socket.data.sessionId}`, `member:${socket.data.memberId}`]);
    socket.on("session:check", (ack) => {
      if (typeof ack !== "function") return;
      ack({ ok: true, data: { pseudonym: socket.data.pseudonym } });
    });
  });

  return {
    io,
    /** Tells and disconnects every socket of the given sessions, on every node. */
    endSessions(sessionIds: string[]) {
      for (const id of sessionIds) {
        io.to(`session:${id}`).emit("session:ended");
        io.in(`session:${id}`).disconnectSockets(true);
      }
    },
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
