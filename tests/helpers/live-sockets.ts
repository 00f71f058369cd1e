// Real socket.io clients for a member signed in over HTTP (tests/helpers/http-client.ts), as the
// browser's shared socket connects (Hearth's Origin, the session cookie), and waits for events.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "#app/contracts/events.ts";
import type { Browserless } from "./http-client.ts";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Event = keyof ServerToClientEvents;
type Args<E extends Event> = Parameters<ServerToClientEvents[E]>;

const open = new Set<TestSocket>();
afterAll(() => {
  for (const s of open) s.disconnect();
});

/** Connects with the client's cookies; `error` when the handshake is refused. */
export function openSocket(client: Browserless): Promise<{ socket: TestSocket; error?: Error }> {
  const socket: TestSocket = connect(client.base, {
    transports: ["websocket"],
    extraHeaders: { cookie: client.cookieHeader(), origin: client.base },
    reconnection: false,
    // Its own connection, with this client's cookie (a shared Manager would reuse another's), and
    // time for a handshake on two cores busy with the rest of the suite.
    forceNew: true,
    timeout: 20_000,
  });
  open.add(socket);
  socket.once("disconnect", () => open.delete(socket));
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ socket }));
    socket.once("connect_error", (error) => {
      open.delete(socket);
      socket.close();
      resolve({ socket, error });
    });
  });
}

/** A connected socket, or a failed test. */
export async function connected(client: Browserless): Promise<TestSocket> {
  const { socket, error } = await openSocket(client);
  if (error) throw new Error(`socket refused: ${error.message}`);
  return socket;
}

/** Every `event` this socket receives from now on, in order. */
export function record<E extends Event>(socket: TestSocket, event: E): Array<Args<E>[0]> {
  const seen: Array<Args<E>[0]> = [];
  (socket.on as (e: string, h: (arg: unknown) => void) => void)(event, (arg) => seen.push(arg as Args<E>[0]));
  return seen;
}

/** The next `event` (matching `which`), or a rejection after `ms`: a bounded wait, not a sleep. */
export function nextEvent<E extends Event>(socket: TestSocket, event: E, which: (arg: Args<E>[0]) => boolean = () => true, ms = 5000): Promise<Args<E>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event as never, handler as never);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    function handler(arg: Args<E>[0]) {
      if (!which(arg)) return;
      clearTimeout(timer);
      socket.off(event as never, handler as never);
      resolve(arg);
    }
    (socket.on as (e: string, h: (arg: Args<E>[0]) => void) => void)(event, handler);
  });
}

/** Resolves once a Hearth node LISTENs on this database for Live commands (live-listener.ts),
 *  through which `mod:queue` and the CLI's pushes arrive: asked of PostgreSQL, a bounded wait. */
export async function untilListening(pool: { query: (text: string) => Promise<{ rows: unknown[] }> }, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const { rows } = await pool.query("select 1 from pg_stat_activity where datname = current_database() and query ilike 'LISTEN hearth_live%'");
    if (rows.length > 0) return;
    if (Date.now() > deadline) throw new Error("no Hearth node listens for Live commands");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
