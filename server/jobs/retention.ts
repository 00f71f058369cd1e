// The retention job (server/retention/): at start and every hour, like the chat retention. On
// several nodes each tries; an advisory lock lets one run at a time and the others skip.
import type { Log } from "#server/log.ts";
import type { RetentionCounts } from "#server/retention/services.ts";
import { scheduleJob } from "./schedule.ts";

export const RETENTION_EVERY_MS = 60 * 60 * 1000;

export function scheduleRetention(services: { retention: { run(now?: Date): Promise<RetentionCounts | null> } }, log: Log, opts: { everyMs?: number } = {}) {
  return scheduleJob({
    run: () => services.retention.run(new Date()),
    everyMs: opts.everyMs ?? RETENTION_EVERY_MS,
    firstAfterMs: 5_000,
    onResult: (counts, error) =>
      error
        ? log.error({ event: "retention-failed", err: { name: (error as Error)?.name } }, "retention job failed")
        : counts && Object.values(counts).some((n) => n > 0) && log.info({ event: "retention", ...counts }, "retention: old records deleted"),
  });
}
