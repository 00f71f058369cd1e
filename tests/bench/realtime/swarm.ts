// The chat benchmark's clients, in a process of their own (tests/bench/chat.ts starts it and
// steers it over IPC): N socket.io clients in one room, spread over the servers given, each a
// member (or, for the bare server, anyone). A run sends `rate` messages a second from as many
// members as keep each within Hearth's send limit (server/realtime/event-limits.ts), and times
// every delivery at every client from the moment its sender emitted it.
import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { ChatMessage } from "#app/contracts/chat.ts";
import { Histogram } from "./histogram.ts";
import { letters } from "./letters.ts";

export type SwarmCommand =
  | { type: "connect"; targets: Array<{ url: string; cookies: string[] }>; room: string }
  | { type: "run"; rate: number; seconds: number; warmup: number; perSender: number }
  | { type: "exit" };

const send = (message: unknown) => process.send!(message);
const now = () => performance.now();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let clients: Socket[] = [];
let room = "";
let counter = 0;
/** token → when it was emitted, and whether the run measures it */
const outgoing = new Map<string, { at: number; measured: boolean; delivered: number }>();
let deliveries = new Histogram();

function onMessage(m: ChatMessage) {
  const sent = outgoing.get(m.body.slice("bench ".length));
  if (!sent) return;
  sent.delivered++;
  if (sent.measured) deliveries.add(now() - sent.at);
}

async function connectAll(targets: Array<{ url: string; cookies: string[] }>) {
  const started = now();
  // Interleaved: client i on server i % servers, so senders are spread over the nodes too.
  const plan: Array<{ url: string; cookie: string }> = [];
  const longest = Math.max(...targets.map((t) => t.cookies.length));
  for (let i = 0; i < longest; i++) for (const t of targets) if (t.cookies[i]) plan.push({ url: t.url, cookie: t.cookies[i]! });
  const refused: string[] = [];
  for (let i = 0; i < plan.length; i += 50) {
    const batch = plan.slice(i, i + 50).map(async ({ url, cookie }) => {
      const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie, origin: url }, reconnection: false, forceNew: true, timeout: 30_000 });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const joined = await socket.timeout(30_000).emitWithAck("chat:join", { room });
      if (!joined.ok) throw new Error(joined.error);
      socket.on("chat:message", onMessage);
      return socket;
    });
    for (const r of await Promise.allSettled(batch)) {
      if (r.status === "fulfilled") clients.push(r.value);
      else refused.push(String((r.reason as Error)?.message ?? r.reason).slice(0, 80));
    }
  }
  return { connected: clients.length, refused: refused.length, firstRefusal: refused[0], ms: Math.round(now() - started) };
}

async function run(rate: number, seconds: number, warmup: number, perSender: number) {
  const senders = Math.min(clients.length, Math.ceil(rate / perSender));
  const acks = new Histogram();
  const errors = new Map<string, number>();
  const measuredTokens: string[] = [];
  deliveries = new Histogram();
  let acked = 0;
  let ackedAll = 0;
  const total = Math.round(rate * (warmup + seconds));
  const firstMeasured = Math.round(rate * warmup);
  const cpuBefore = process.cpuUsage();
  const started = now();
  let k = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((now() - started) * rate) / 1000) + 1);
      for (; k < due; k++) {
        const token = letters(counter++);
        const measured = k >= firstMeasured;
        const at = now();
        outgoing.set(token, { at, measured, delivered: 0 });
        if (measured) measuredTokens.push(token);
        clients[k % senders]!.timeout(10_000).emit(
          "chat:send",
          { room, clientId: randomUUID(), body: `bench ${token}` },
          (err: Error | null, ack: { ok: boolean; error?: string }) => {
            const why = err ? "no acknowledgement in 10 s" : ack.ok ? null : (ack.error ?? "refused").slice(0, 60);
            if (why) errors.set(why, (errors.get(why) ?? 0) + 1);
            else ackedAll++;
            if (!why && measured) {
              acked++;
              acks.add(now() - at);
            }
          },
        );
      }
      if (k >= total) resolve();
      else setTimeout(tick, 2);
    };
    tick();
  });
  const sendingMs = now() - started;
  // Drain: every send answered (each has a 10 s timeout), then every measured message delivered
  // to every client, or 5 s more.
  while (ackedAll + [...errors.values()].reduce((n, e) => n + e, 0) < total) await pause(20);
  const expectedEach = clients.length;
  const drainUntil = now() + 5000;
  while (now() < drainUntil && measuredTokens.some((t) => outgoing.get(t)!.delivered < expectedEach)) await pause(20);
  const cpu = process.cpuUsage(cpuBefore);
  const delivered = measuredTokens.reduce((n, t) => n + outgoing.get(t)!.delivered, 0);
  outgoing.clear();
  return {
    rate,
    seconds,
    senders,
    sent: measuredTokens.length,
    acked,
    ackedAll,
    errors: Object.fromEntries(errors),
    deliveries: delivered,
    expected: measuredTokens.length * expectedEach,
    deliveriesPerSecond: Math.round(delivered / seconds),
    latency: deliveries.summary(),
    ack: acks.summary(),
    /** The swarm's own CPU over the run: near 100% (one core) means it, not the server, set the pace. */
    swarmCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (now() - started)) * 100),
    achievedRate: Math.round((total / sendingMs) * 1000),
  };
}

process.on("message", async (command: SwarmCommand) => {
  if (command.type === "connect") {
    room = command.room;
    send({ type: "ready", ...(await connectAll(command.targets)) });
  } else if (command.type === "run") {
    send({ type: "result", ...(await run(command.rate, command.seconds, command.warmup, command.perSender)) });
  } else {
    for (const c of clients) c.disconnect();
    clients = [];
    process.exit(0);
  }
});
