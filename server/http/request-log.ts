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

/** Paths whose next segment is a pseudonym, by their first segment (app/routes.ts). */
const NAMED_AFTER = new Set(["members"]);

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The path as the log may hold it: no pseudonym, at most 200 characters. A segment is compared
 *  as the router compares it (percent-decoded, in any case), so /MEMBERS/… and /%6Dembers/… are
 *  hidden too; the name's own segment is replaced whole, whatever it holds. */
export function loggedPath(path: string): string {
  const parts = path.split("/");
  const first = parts.findIndex((part) => part !== "");
  if (first >= 0 && first + 1 < parts.length && NAMED_AFTER.has(decoded(parts[first]!).toLowerCase())) parts[first + 1] = ":pseudonym";
  return parts.join("/").slice(0, 200);
}
