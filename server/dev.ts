// `npm run dev`: Hearth for working on pages. The same Express app, services and socket.io as
// `npm start`, with React Router's Vite dev server inside it: pages and styles reload as files
// change, on the same port (Vite's reload socket shares the HTTP server, so the CSP's
// connect-src 'self' still holds). Server code (server/, db/) needs a restart. Runs under tsx.
import type { ServerBuild } from "react-router";
import { createServer as createViteServer } from "vite";
import { openDatabase } from "#db/client.ts";
import { acquireDataDirLock } from "#db/embedded/data-dir-lock.ts";
import { loadConfig } from "./config.ts";
import { createLog } from "./log.ts";
import { startHearth, type DevServer } from "./start.ts";

const devServer: DevServer = async (httpServer) => {
  const vite = await createViteServer({ server: { middlewareMode: true, hmr: { server: httpServer } }, appType: "custom" });
  httpServer.once("close", () => void vite.close());
  return {
    build: () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>,
    assets: vite.middlewares,
  };
};

const config = loadConfig();
const log = createLog(config.LOG_LEVEL);
const lock = config.DATABASE_URL ? null : await acquireDataDirLock(config.DATA_DIR, "server");
const database = await openDatabase({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL });
const hearth = await startHearth({ config, log, database, dev: devServer });
console.log(`\nHearth (development) is running at ${hearth.url}  (database: ${database.kind})\n`);
const stop = async () => {
  await hearth.close();
  await database.close();
  await lock?.release();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
