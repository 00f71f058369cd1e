// Expired sessions sign no one in (validateSessionToken refuses them, and deletes the one it was
// shown), but the others' rows would stay: deleted at start and every hour, on one node at a time
// (server/jobs/one-node.ts), with an audit row counting them.
import type { HearthServices } from "#server/services.ts";
import type { Log } from "#server/log.ts";
import { scheduleJob } from "./schedule.ts";

export const SESSION_CLEANUP_EVERY_MS = 60 * 60 * 1000;

export function scheduleSessionCleanup(services: HearthServices, log: Log, opts: { everyMs?: number; now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  return scheduleJob({
    run: () => services.auth.deleteExpiredSessions(now()),
    everyMs: opts.everyMs ?? SESSION_CLEANUP_EVERY_MS,
    onResult: (deleted, error) =>
      error
        ? log.error({ event: "session-cleanup-failed", err: { name: (error as Error)?.name } }, "session cleanup failed")
        : deleted && log.info({ event: "session-cleanup", deleted }, "expired sessions deleted"),
  });
}
