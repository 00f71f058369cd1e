// A member waiting for approval sees only their waiting page: the root loader sends them there
// from any other page (app/lib/auth.server.ts, WAITING_PATHS). A client-side data request may
// name the loaders it wants (`?_routes=`), which would leave the root loader out; for a waiting
// member that choice is dropped, so the root loader, and its redirect, always run.
import type { RequestHandler } from "express";
import type { ValidSession } from "#server/auth/session.ts";

export function waitingGate(): RequestHandler {
  return (req, res, next) => {
    const auth = res.locals.auth as ValidSession | null;
    if (auth?.member.status === "waiting" && req.path.endsWith(".data") && /[?&]_routes=/.test(req.originalUrl)) {
      const url = new URL(req.originalUrl, "http://hearth.invalid");
      url.searchParams.delete("_routes");
      req.originalUrl = `${url.pathname}${url.search}`;
      req.url = req.originalUrl;
    }
    next();
  };
}
