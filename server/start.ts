// Starts Hearth on an open database: migrations, seed, services, HTTP and socket.io on one
// http.Server. Used by the production entry (server/main.ts) and by the tests (port 0).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { projectPath } from "#db/project-path.ts";
import { Redis } from "ioredis";
import { adapterRedis } from "#server/realtime/adapter-redis.ts";
import { relayStatus } from "#server/realtime/relay-status.ts";
import type { RequestHandler } from "express";
import type { ServerBuild } from "react-router";
import type { Database } from "#db/client.ts";
import { applyMigrations } from "#db/migrate.ts";
import { seedDefaults } from "#db/seed.ts";
import { memoryThrottle, redisThrottle, type Throttle } from "./auth/throttle.ts";
import { isHttps, type Config } from "./config.ts";
import { memoryClientKeyer, redisClientKeyer } from "./http/client-key.ts";
import { createHttpApp } from "./http/app.ts";
import type { Log } from "./log.ts";
import { attachSocketHandlers, createIo, createIoLive, eventLimiter, listenForLive } from "./realtime/index.ts";
import { createServices } from "./services.ts";
import { scheduleSweeps } from "./media/sweeper.ts";
import { scheduleSessionCleanup } from "./jobs/session-cleanup.ts";
import { scheduleChatRetention } from "./chat/retention.ts";
import { scheduleRetention } from "./jobs/retention.ts";

// Found from server/start.ts and from the bundle in build/ alike (not needed by `npm run dev`).
const buildDir = () => projectPath("build/server/index.js").replace(/server[\\/]index\.js$/, "");

export interface Hearth {
  url: string;
  httpServer: Server;
  /** Resolves once this node listens for Live commands from other processes (the admin CLI). */
  liveListening: Promise<void>;
  close(): Promise<void>;
}

/** `npm run dev`: Vite's middleware and the React Router build it keeps current (server/dev.ts). */
export type DevServer = (httpServer: Server) => Promise<{ build: () => Promise<ServerBuild>; assets: RequestHandler }>;

export async function startHearth(opts: {
  config: Config;
  log: Log;
  database: Database;
  throttle?: Throttle;
  sweep?: boolean;
  dev?: DevServer;
}): Promise<Hearth> {
  const { config, log, database } = opts;
  await applyMigrations(database);
  await seedDefaults(database.db);

  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : null;
  redis?.on("error", () => log.warn({ event: "redis-unavailable" }, "redis unavailable"));
  // socket.io's streams adapter gets connections of its own (adapter-redis.ts), watched so that
  // sockets hear when this node stops reaching the others and when it is back (relay-status.ts).
  const relay = redis ? relayStatus(log) : null;
  const adapterConnection = redis ? adapterRedis(redis, relay?.track) : null;
  const throttle = opts.throttle ?? (redis ? redisThrottle(redis) : memoryThrottle());
  const clientKeyer = redis ? redisClientKeyer(redis) : memoryClientKeyer();
  const https = isHttps(config);

  // Start order: io → live → services → socket handlers (server/live.ts).
  const httpServer = createServer();
  const io = createIo(httpServer, { https, publicOrigin: config.PUBLIC_ORIGIN, trustProxy: config.TRUST_PROXY, redis: adapterConnection });
  const live = createIoLive(io);
  const services = createServices({ db: database.db, throttle, live });
  attachSocketHandlers(io, services, { https, limiter: eventLimiter(redis), log });
  relay?.attach(io, services);
  // The admin CLI, in its own process, reaches these sockets through PostgreSQL NOTIFY.
  const liveListener = listenForLive(io, database.pool.options, log);
  const dev = await opts.dev?.(httpServer);
  const build = dev?.build ?? ((await import(pathToFileURL(`${buildDir()}server/index.js`).href)) as ServerBuild);
  const app = createHttpApp({
    build,
    devAssets: dev?.assets,
    clientDir: dev ? "" : `${buildDir()}client`,
    database,
    services,
    clientKeyer,
    log,
    https,
    publicOrigin: config.PUBLIC_ORIGIN,
    trustProxy: config.TRUST_PROXY,
  });
  httpServer.on("request", app);
  const stopSessionCleanup = scheduleSessionCleanup(services, log);
  const stopChatRetention = scheduleChatRetention(services, log);
  const stopRetention = scheduleRetention(services, log);
  const stopSweeps =
    opts.sweep === false
      ? async () => {}
      : scheduleSweeps(database, (report, error) =>
          error
            ? log.error({ event: "sweep-failed", err: { name: (error as Error)?.name } }, "sweep failed")
            : report && log.info({ event: "sweep", ...report }, "sweep"),
        );

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;

  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    httpServer,
    liveListening: liveListener.listening,
    async close() {
      // Stop accepting and end sockets, let requests in flight finish, then release the rest.
      const drained = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      relay?.stop();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await liveListener.close();
      await stopSweeps();
      await stopSessionCleanup();
      await stopChatRetention();
      await stopRetention();
      await Promise.race([drained, new Promise((r) => setTimeout(r, 10_000).unref())]);
      httpServer.closeAllConnections();
      redis?.disconnect();
      adapterConnection?.disconnect();
    },
  };
}
