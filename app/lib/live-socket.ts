// The browser's one socket to Hearth (docs/realtime.md), opened the first time a signed-in page
// asks for it and shared by every live part of the page: chat rooms, an open thread, the header's
// notification count, the moderators' queue. Same origin only (CSP connect-src 'self'); the
// session cookie authenticates it.
//
// A socket the server closes on purpose comes back: a role change, a block or a suspension closes
// every socket of a member so that it reconnects with what the database says now. Only an ended
// session (`session:ended`) stays closed, and the page shows it: its data is read again
// (useSessionEnded, which the header uses on every page), signed out — without a reload, which
// would cut short a navigation already under way (this page's own sign-out, a click elsewhere).
// A page that asks for the socket again later (signed in again) connects it again.
import { useEffect, useRef, useSyncExternalStore } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "#app/contracts/events.ts";

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveStatus = "connecting" | "live" | "reconnecting";

let socket: LiveSocket | null = null;
let status: LiveStatus = "connecting";
let relayOk = true;
const listeners = new Set<() => void>();
const setStatus = (next: LiveStatus) => {
  if (next === status) return;
  status = next;
  for (const l of listeners) l();
};

/** The page's socket, opened on first use; null during server rendering. */
export function liveSocket(): LiveSocket | null {
  if (typeof window === "undefined") return null;
  if (socket) {
    if (!socket.active) socket.connect();
    return socket;
  }
  const s: LiveSocket = io({ withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
  let ended = false;
  s.on("connect", () => {
    ended = false;
    setStatus(relayOk ? "live" : "reconnecting");
  });
  s.on("session:ended", () => {
    ended = true;
  });
  s.on("disconnect", (reason) => {
    setStatus("reconnecting");
    if (ended) {
      if (endedHandlers.size === 0) window.location.reload();
      for (const handler of endedHandlers) handler();
      return;
    }
    // The server closed it on purpose (a role change, a block): connect again at once.
    if (reason === "io server disconnect") setTimeout(() => s.connect(), 200);
  });
  // A refused handshake is not retried by socket.io: the database was away for a moment
  // ("unavailable"), or this session was kept out for going too fast ("tooFast", after a flood).
  s.on("connect_error", (err) => {
    if (s.active) return;
    if (err.message === "unavailable") setTimeout(() => s.connect(), 5_000);
    if (err.message === "tooFast") setTimeout(() => s.connect(), 30_000);
  });
  s.on("realtime:status", ({ ok }) => {
    relayOk = ok;
    setStatus(ok && s.connected ? "live" : "reconnecting");
  });
  socket = s;
  return s;
}

const endedHandlers = new Set<() => void>();

/** Calls `onEnded` when this page's session has ended (signed out here or elsewhere, a passphrase
 *  change, a ban): read the page's data again, as a signed-out visitor. */
export function useSessionEnded(onEnded: () => void) {
  const latest = useRef(onEnded);
  latest.current = onEnded;
  useEffect(() => {
    const handler = () => latest.current();
    endedHandlers.add(handler);
    return () => void endedHandlers.delete(handler);
  }, []);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** "live", "connecting" or "reconnecting" (socket down, or Hearth's nodes cannot reach each other). */
export function useLiveStatus(enabled = true): LiveStatus {
  return useSyncExternalStore(
    subscribe,
    () => (enabled ? status : "connecting"),
    () => "connecting",
  );
}

/** Calls `handler` for every `event` while the component is mounted (and `enabled`). */
export function useLiveEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E], enabled = true) {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const s = liveSocket();
    if (!s) return;
    const relay = ((...args: unknown[]) => (latest.current as (...a: unknown[]) => void)(...args)) as ServerToClientEvents[E];
    // socket.io's typed `on` does not narrow a generic event name.
    (s.on as (e: string, h: unknown) => void)(event, relay);
    return () => void (s.off as (e: string, h: unknown) => void)(event, relay);
  }, [event, enabled]);
}

/** Runs `onConnect` at every (re)connection while mounted: join a room, watch a thread, resync. */
export function useOnConnect(onConnect: (socket: LiveSocket) => void, enabled = true) {
  const latest = useRef(onConnect);
  latest.current = onConnect;
  useEffect(() => {
    if (!enabled) return;
    const s = liveSocket();
    if (!s) return;
    const run = () => latest.current(s);
    s.on("connect", run);
    const relay = ({ ok }: { ok: boolean }) => {
      if (ok) run();
    };
    s.on("realtime:status", relay);
    if (s.connected) run();
    return () => {
      s.off("connect", run);
      s.off("realtime:status", relay);
    };
  }, [enabled]);
}
