// The Live port for a process without sockets of its own (the admin CLI): each command goes out
// as a PostgreSQL NOTIFY, which every running Hearth node listens for (live-listener.ts). A
// notification is delivered only to listeners connected when it is sent: with no server running
// there are no sockets to reach, and nothing is lost.
import type pg from "pg";
import type { Live } from "#server/live.ts";
import { liveFrom } from "./live-commands.ts";

export const LIVE_CHANNEL = "hearth_live";

export function createNotifyLive(pool: Pick<pg.Pool, "query">): Live {
  // NOTIFY payloads are limited to 8000 bytes; commands are ids, far below that.
  return liveFrom(async (command) => void (await pool.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(command)]))) as Live;
}
