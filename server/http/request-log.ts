// One structured line per request: method, path, status, duration. No IP, cookie, query string
// or body (docs/architecture.md, Privacy rules).
import type { RequestHandler } from "express";
import type { Log } from "#server/log.ts";

export function requestLog(log: Log): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, path: req.path.slice(0, 200), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  };
}
