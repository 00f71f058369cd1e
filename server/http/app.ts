// The Express app: headers, health, static files, Origin check, session, then React Router.
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import type { ServerBuild } from "react-router";
import path from "node:path";
import type { Database } from "#db/client.ts";
import type { Log } from "#server/log.ts";
import type { HearthServices } from "#server/services.ts";
import type { ClientKeyer } from "./client-key.ts";
import { isDatabaseDown } from "#server/errors.ts";
import { MAX_UPLOAD_BYTES } from "#server/media/guard.ts";
import { leaveAnyway } from "./exit-fallback.ts";
import { healthz } from "./healthz.ts";
import { NEUTRAL_ICON_PATH, neutralIcon } from "./neutral-icon.ts";
import { originCheck } from "./origin-check.ts";
import { sendPlainPage } from "./plain-page.ts";
import { requestLocale } from "./request-locale.ts";
import { requestLog } from "./request-log.ts";
import { routerHandler } from "./router-handler.ts";
import { securityHeaders } from "./security-headers.ts";
import { sessionMiddleware } from "./session-middleware.ts";
import { waitingGate } from "./waiting-gate.ts";
import { compileTrust, type TrustProxy } from "./trust-proxy.ts";

export interface HttpDeps {
  /** The React Router build; in development (`npm run dev`) a function that loads the current one. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** In development, Vite's middleware serves the client modules instead of build/client/assets. */
  devAssets?: RequestHandler;
  clientDir: string;
  database: Database;
  services: HearthServices;
  clientKeyer: ClientKeyer;
  log: Log;
  https: boolean;
  publicOrigin?: string;
  trustProxy: TrustProxy;
}

// The largest upload the media guard judges, plus room for the form's text fields. A body is held
// in memory only, and one larger than this is refused before a byte of it is read.
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

// Files under /assets are named by a hash of their content (Vite), so a name never gets other
// bytes: browsers may keep them for a year without asking again. They hold no member data, so
// the no-store that security-headers.ts puts on everything else does not apply; it is replaced
// only when a file is actually sent (setHeaders), so a 404 here is still never cached.
const ASSET_CACHE = "public, max-age=31536000, immutable";

function assets(dir: string, deps: Pick<HttpDeps, "log">) {
  const serve = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: false,
    cacheControl: false,
    setHeaders: (res) => res.setHeader("Cache-Control", ASSET_CACHE),
  });
  // A missing file, a directory, `..` and the like are all "not found": the static handler's own
  // 403/404 errors, never a 500 or a "database down" 503.
  const missing: ErrorRequestHandler = (err, req, res, next) => {
    const { status } = (err ?? {}) as { status?: unknown };
    if (typeof status !== "number" || status < 400 || status >= 500) return next(err);
    deps.log.debug({ event: "asset-missing" }, "asset not found");
    sendPlainPage(res, 404, requestLocale(req), "error.notFound.title", "error.notFound.body");
  };
  return [serve, missing] as const;
}

const METHODS = new Set(["GET", "HEAD", "POST"]);

export function createHttpApp(deps: HttpDeps) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy);
  // socket.io's engine answers everything under its path itself (server/realtime/index.ts). When
  // Express listens on the same http.Server after it, Express sees those requests too and must
  // leave them alone: answering them again broke polling replies (ERR_HTTP_HEADERS_SENT).
  app.use((req, _res, next) => void (req.url.startsWith("/socket.io/") || next()));
  app.use(requestLog(deps.log));
  app.use(securityHeaders({ https: deps.https }));
  // Hearth has no cross-origin API, so OPTIONS (a CORS preflight or a probe) learns only which
  // methods exist; anything but those three is refused the same way, before any route runs.
  app.use((req, res, next) => {
    if (METHODS.has(req.method)) return next();
    res.setHeader("Allow", "GET, HEAD, POST, OPTIONS");
    if (req.method === "OPTIONS") return void res.status(204).end();
    sendPlainPage(res, 405, requestLocale(req), "error.badRequest.title", "error.badRequest.body");
  });
  app.get("/healthz", healthz(deps.database));
  // Browsers ask for an icon on every page; Hearth has none (no image is shown), so say so quietly.
  app.get("/favicon.ico", (_req, res) => void res.status(204).end());
  // Discreet mode's neutral tab icon, named by every page while that mode is on.
  app.get(NEUTRAL_ICON_PATH, neutralIcon);
  if (deps.devAssets) app.use(deps.devAssets);
  else app.use("/assets", ...assets(path.join(deps.clientDir, "assets"), deps));
  // Nothing else is served from the build folder: a second static handler would cost every page
  // a file-system lookup (the client build has only assets/).
  app.use(
    originCheck({
      publicOrigin: deps.publicOrigin,
      trust: compileTrust(deps.trustProxy),
      onRefused: () => deps.log.warn({ event: "cross-site-refused" }, "refused"),
    }),
  );
  app.use((req, res, next) => {
    const length = req.headers["content-length"];
    if (Number(length ?? 0) > MAX_BODY_BYTES) return sendPlainPage(res, 413, requestLocale(req), "error.server.title", "form.tooLarge");
    // Without a declared length a body could grow without bound; browsers always declare it.
    if (length === undefined && req.headers["transfer-encoding"]) return sendPlainPage(res, 411, requestLocale(req), "error.server.title", "form.tooLarge");
    next();
  });
  app.use(sessionMiddleware(deps.database.db, deps.https));
  app.use(waitingGate());
  app.use(routerHandler(deps));
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    // Name and code only: messages can carry member input.
    deps.log.error({ event: "unhandled", err: { name: (err as Error)?.name, code: (err as { code?: string })?.code } }, "request failed");
    if (res.headersSent) return res.end();
    if (leaveAnyway(req, res, deps.https)) return;
    sendPlainPage(res, isDatabaseDown(err) ? 503 : 500, requestLocale(req), "error.server.title", "error.server.body");
  };
  app.use(onError);
  return app;
}
