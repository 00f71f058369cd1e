// Whether this node reaches the others (docs/decisions/016-realtime-across-nodes.md). The streams
// adapter's Redis connections are watched. When one drops, this node's sockets are told
// `realtime:status {ok: false}`: messages from other nodes stop arriving, and the page says it is
// reconnecting (messages sent here still reach this node's sockets, and every send is committed
// to PostgreSQL before it is acknowledged). When every connection is back, the sockets whose
// session, role or blocks changed meanwhile are closed, since the commands that would have closed
// them could not reach this node, and the rest are told `{ok: true}`: every open room and page
// then asks for what it missed from its last id (app/lib/live-socket.ts, useOnConnect).
//
// A Redis that stops answering without closing its connections (a paused process, a network
// partition) looks "ready" to ioredis for as long as TCP does: the publishing connection is
// therefore sent a PING now and then, and one left unanswered closes it, which counts as a drop;
// it is up again once Redis answers its ready check.
import type { Redis } from "ioredis";
import type { Log } from "#server/log.ts";
import type { HearthServices } from "#server/services.ts";
import type { HearthSocket } from "./handle.ts";
import type { HearthIo } from "./io.ts";
import { currentActor } from "./socket-auth.ts";

export interface RelayStatus {
  /** Watches one of the adapter's connections (adapter-redis.ts hands each one here); the
   *  publishing one is also pinged. */
  track(client: Redis, kind: "publisher" | "reader"): void;
  /** Starts telling this node's sockets; a socket that connects while Redis is away is told at once. */
  attach(io: HearthIo, services: HearthServices): void;
  ok(): boolean;
  /** Resolves once the sockets have been told the latest change (tests wait for it). */
  settled(): Promise<void>;
  stop(): void;
}

const RECHECK_BATCH = 16;

export function relayStatus(log: Log, opts: { heartbeatMs?: number } = {}): RelayStatus {
  const heartbeatMs = opts.heartbeatMs ?? 5_000;
  // Up until it has failed: connections that are still making their first connection at start
  // are not an outage.
  const up = new Map<Redis, boolean>();
  let ok = true;
  let stopped = false;
  let attached: { io: HearthIo; services: HearthServices } | null = null;
  let change = 0;
  let telling: Promise<void> = Promise.resolve();
  const timers: NodeJS.Timeout[] = [];

  const update = () => {
    const now = [...up.values()].every(Boolean);
    if (stopped || now === ok) return;
    ok = now;
    const mine = ++change;
    log[ok ? "info" : "warn"]({ event: ok ? "relay-up" : "relay-down" }, ok ? "realtime relay back" : "realtime relay down");
    telling = telling.then(async () => {
      if (!attached || mine !== change) return;
      if (ok) await recheck(attached.io, attached.services, log);
      // Another change while the sockets were checked: that one tells them.
      if (mine === change && !stopped) attached.io.local.emit("realtime:status", { ok });
    });
  };

  return {
    track(client, kind) {
      up.set(client, true);
      if (kind === "publisher") timers.push(heartbeat(client, heartbeatMs, log));
      client.on("ready", () => {
        up.set(client, true);
        update();
      });
      for (const event of ["close", "end"]) {
        client.on(event, () => {
          up.set(client, false);
          update();
        });
      }
    },
    attach(io, services) {
      attached = { io, services };
      io.on("connection", (socket) => {
        if (!ok) socket.emit("realtime:status", { ok: false });
      });
    },
    ok: () => ok,
    settled: () => telling,
    stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
    },
  };
}

/** Closes this node's sockets that no longer match what the database says of their member. */
async function recheck(io: HearthIo, services: HearthServices, log: Log) {
  const sockets = [...io.of("/").sockets.values()] as HearthSocket[];
  let closed = 0;
  for (let i = 0; i < sockets.length; i += RECHECK_BATCH) {
    const results = await Promise.all(sockets.slice(i, i + RECHECK_BATCH).map((socket) => stale(services, socket)));
    results.forEach((why, j) => {
      const socket = sockets[i + j]!;
      if (!why) return;
      closed++;
      if (why === "session") socket.emit("session:ended");
      socket.disconnect(true);
    });
  }
  if (closed) log.info({ event: "relay-recheck", closed }, "sockets closed after the relay came back");
}

/** Why a socket must be closed, or null. A database error leaves it open: its next event asks again. */
async function stale(services: HearthServices, socket: HearthSocket): Promise<"session" | "changed" | null> {
  try {
    const current = await currentActor(services, socket);
    if (!current) return "session";
    if (current.actor.role !== socket.data.role) return "changed";
    const hides = await services.blocks.blockedIds(current.actor.id);
    const had = new Set(socket.data.hides);
    return hides.length !== had.size || hides.some((id) => !had.has(id)) ? "changed" : null;
  } catch {
    return null;
  }
}

/** PINGs `client` every `ms` while it is ready; no answer within `ms` closes it (ioredis reconnects). */
function heartbeat(client: Redis, ms: number, log: Log) {
  let waiting = false;
  const timer = setInterval(() => {
    if (waiting || client.status !== "ready") return;
    waiting = true;
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timeout = setTimeout(() => resolve("late"), ms);
    });
    void Promise.race([client.ping().catch(() => "failed"), late]).then((answer) => {
      clearTimeout(timeout);
      waiting = false;
      if (answer !== "late" || client.status !== "ready") return;
      log.warn({ event: "relay-unanswered" }, "redis did not answer; reconnecting");
      client.disconnect(true);
    });
  }, ms);
  timer.unref();
  return timer;
}
