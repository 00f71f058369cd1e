// One structured line per request: method, path, status, duration. No IP, cookie, query string
// or body (docs/architecture.md, Privacy rules), and no pseudonym: a path segment that names a
// member (/members/:pseudonym/report) is logged as its pattern.
import type { RequestHandler } from "express";
import type { Log } from "#server/log.ts";

export function requestLog(log: Log): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, path: loggedPath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  };
}

/** Path segments that hold a pseudonym, and what the log says instead. */
const NAMED: ReadonlyArray<[RegExp, string]> = [[/^\/members\/[^/]+/, "/members/:pseudonym"]];

/** The path as the log may hold it: no pseudonym, at most 200 characters. */
export function loggedPath(path: string): string {
  let logged = path;
  for (const [pattern, replacement] of NAMED) logged = logged.replace(pattern, replacement);
  return logged.slice(0, 200);
}
