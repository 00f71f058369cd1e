// The Live port for a process without sockets of its own (the admin CLI): each command goes out
// as a PostgreSQL NOTIFY, which every running Hearth node listens for (live-listener.ts). A
// notification is delivered only to listeners connected when it is sent: with no server running
// there are no sockets to reach, and nothing is lost.
import { sql } from "drizzle-orm";
import type pg from "pg";
import type { DbOrTx } from "#db/client.ts";
import type { Live, LiveArgs, LiveEvent, LiveTarget } from "#server/live.ts";
import { type LiveCommand, liveFrom } from "./live-commands.ts";

export const LIVE_CHANNEL = "hearth_live";

export function createNotifyLive(pool: Pick<pg.Pool, "query">): Live {
  // NOTIFY payloads are limited to 8000 bytes; commands are ids, far below that.
  return liveFrom(async (command) => void (await pool.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, JSON.stringify(command)]))) as Live;
}

/** A push sent with the caller's transaction, for pushes that carry no content (`mod:queue`).
 *  PostgreSQL delivers a NOTIFY to the listeners (every node, live-listener.ts) only when the
 *  transaction commits, drops it when it rolls back, and folds identical ones sent in one
 *  transaction into one: after the commit by construction, wherever in the transaction it is
 *  asked for (docs/realtime.md). Outside a transaction it goes at once. */
export async function pushAtCommit<E extends LiveEvent>(db: DbOrTx, to: LiveTarget, event: E, ...args: LiveArgs<E>) {
  const command: LiveCommand = { kind: "push", to, event, args };
  await db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(command)})`);
}

/** Closes every socket on every node once the caller's transaction commits: they reconnect at
 *  once (app/lib/live-socket.ts) and each room they join is checked again. */
export async function closeAllSocketsAtCommit(db: DbOrTx) {
  const command: LiveCommand = { kind: "close-all" };
  await db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(command)})`);
}
