import type { Db } from "#db/client.ts";
import type { Throttle } from "./throttle.ts";

export interface AuthDeps {
  db: Db;
  throttle: Throttle;
  /** Closes live connections (sockets) of sessions that were just ended (ASVS 7.4.x). */
  endSessions?: (sessionIds: string[]) => void;
}
