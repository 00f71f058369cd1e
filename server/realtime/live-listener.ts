// Every node LISTENs for Live commands sent with NOTIFY (by the admin CLI) and applies each to its
// own sockets only (io.local): every node hears the same notification. The connection is its own,
// outside the pool, and comes back by itself after PostgreSQL restarts.
import pg from "pg";
import type { Log } from "#server/log.ts";
import type { HearthIo } from "./io.ts";
import { applyLiveCommand, liveCommand } from "./live-commands.ts";
import { LIVE_CHANNEL } from "./notify-live.ts";

const RETRY_MS = [250, 500, 1000, 2000, 5000];

export function listenForLive(io: HearthIo, connection: pg.ClientConfig, log: Log) {
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  let ready: () => void;
  const listening = new Promise<void>((resolve) => (ready = resolve));

  const connect = async () => {
    const next = new pg.Client(connection);
    client = next;
    next.on("error", () => {}); // followed by "end", which schedules the reconnect
    next.on("end", () => {
      if (client === next) client = null;
      if (!stopped) schedule();
    });
    next.on("notification", (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      const parsed = liveCommand.safeParse(parseJson(message.payload));
      if (!parsed.success) return log.warn({ event: "live-command-refused" }, "live command refused");
      applyLiveCommand(io.local, parsed.data);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${LIVE_CHANNEL}`);
      attempt = 0;
      ready();
    } catch {
      await next.end().catch(() => {});
      if (!stopped && client === next) schedule();
    }
  };
  const schedule = () => {
    clearTimeout(retry);
    retry = setTimeout(() => void connect(), RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
    retry.unref();
  };
  void connect();

  return {
    /** Resolves once the first LISTEN is in place (tests wait for it before sending). */
    listening,
    async close() {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
