// What every capability's service factory is given: the database, the throttle and the Live
// port. A new capability is a folder with a `create…Services(deps)` that server/services.ts composes.
import type { Db } from "#db/client.ts";
import type { Throttle } from "./auth/throttle.ts";
import type { Live } from "./live.ts";

export interface ServiceDeps {
  db: Db;
  throttle: Throttle;
  live: Live;
}

/** Form data as routes pass it (FormData), or a plain object (the CLI, socket handlers, tests). */
export type FormInput = FormData | Record<string, unknown>;
