// `npm run dev`: Hearth for working on pages. The same Express app, services and socket.io as
// `npm start`, with React Router's Vite dev server inside it: pages and styles reload as files
// change, on the same port (Vite's reload socket shares the HTTP server, so the CSP's
// connect-src 'self' still holds). Server code (server/, db/) needs a restart. Runs under tsx.
import type { ServerBuild } from "react-router";
import { createServer as createViteServer } from "vite";
import { failedToStart, runHearth } from "./run.ts";
import type { DevServer } from "./start.ts";

const devServer: DevServer = async (httpServer) => {
  const vite = await createViteServer({ server: { middlewareMode: true, hmr: { server: httpServer } }, appType: "custom" });
  httpServer.once("close", () => void vite.close());
  return {
    build: () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>,
    assets: vite.middlewares,
  };
};

runHearth({ dev: devServer }).catch(failedToStart);
