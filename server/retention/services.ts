// The retention capability (server/retention/retention.ts): the job's body, for the scheduler,
// the CLI and tests with a controlled clock.
import type { ServiceDeps } from "#server/service-deps.ts";
import { runRetention } from "./retention.ts";

export type { RetentionCounts } from "./retention.ts";

export function createRetentionServices(deps: ServiceDeps) {
  return {
    /** Deletes what has outlived its retention at `now`; null when another node is at it. */
    run: (now?: Date) => runRetention(deps.db, now),
  };
}
