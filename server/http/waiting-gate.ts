// A member waiting for approval sees only their waiting page: the root loader sends them there
// from any other page (app/lib/auth.server.ts, WAITING_PATHS). A client-side data request may
// name the loaders it wants (`?_routes=`), which could leave the root loader out; for a waiting
// member the root loader is added to that list, so it, and its redirect, always run (the rest of
// the client's choice stands: after joining, the page showing the recovery codes is not reloaded).
import type { RequestHandler } from "express";
import type { ValidSession } from "#server/auth/session.ts";

export function waitingGate(): RequestHandler {
  return (req, res, next) => {
    const auth = res.locals.auth as ValidSession | null;
    if (auth?.member.status === "waiting" && req.path.endsWith(".data") && /[?&]_routes=/.test(req.originalUrl)) {
      const url = new URL(req.originalUrl, "http://hearth.invalid");
      const routes = (url.searchParams.get("_routes") ?? "").split(",").filter(Boolean);
      if (!routes.includes("root")) url.searchParams.set("_routes", ["root", ...routes].join(","));
      req.originalUrl = `${url.pathname}${url.search}`;
      req.url = req.originalUrl;
    }
    next();
  };
}
