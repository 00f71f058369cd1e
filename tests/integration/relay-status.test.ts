// This node's sockets while Redis is away (decision 016), on real socket.io servers, real clients
// and a redis-server of this file's own. A Redis that stops answering (paused with SIGSTOP, as a
// network partition leaves a connection open) holds socket.io's own adapter: it delivers nothing,
// not even to its own sockets, until Redis answers. With localFirst, broadcasts and disconnects
// reach this node's sockets at once; relayStatus notices the silence and the return.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { expect, onTestFinished, test } from "vitest";
import { createLog } from "#server/log.ts";
import { localFirst } from "#server/realtime/adapter-local-first.ts";
import { adapterRedis } from "#server/realtime/adapter-redis.ts";
import { relayStatus } from "#server/realtime/relay-status.ts";
import { startRedis } from "#tests/helpers/redis.ts";

const redis = await startRedis();
/** Pauses the redis-server until the test ends (or `resume()`): connections stay open, nothing answers. */
async function pauseRedis() {
  const probe = new Redis(redis.url);
  const pid = Number((await probe.info("server")).match(/process_id:(\d+)/)![1]);
  probe.disconnect();
  process.kill(pid, "SIGSTOP");
  const resume = () => {
    process.kill(pid, "SIGCONT");
  };
  onTestFinished(resume);
  return resume;
}

async function until(done: () => boolean, what: string, ms: number) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function connection() {
  const base = new Redis(redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  base.on("error", () => {});
  onTestFinished(() => base.disconnect());
  return base;
}

/** A socket.io server on the streams adapter (wrapped or not) and one client in room "r". */
async function node(wrap: boolean) {
  const publisher = adapterRedis(connection());
  const http = createServer();
  const adapter = createAdapter(publisher);
  const io = new Server(http, { adapter: wrap ? localFirst(adapter) : adapter });
  io.on("connection", (socket) => void socket.join("r"));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
  const client: Socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ["websocket"], reconnection: false });
  await new Promise<void>((resolve) => client.once("connect", () => resolve()));
  await until(() => io.of("/").adapter.rooms.get("r")?.size === 1, "the client is in its room", 2000);
  onTestFinished(async () => {
    client.disconnect();
    await new Promise((resolve) => io.close(() => resolve(null)));
    publisher.disconnect();
  });
  return { io, client };
}

const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<"nothing">((resolve) => setTimeout(() => resolve("nothing"), ms))]);

test("Redis not answering: this node's sockets still get each broadcast and disconnect at once, which socket.io's adapter holds back", async () => {
  const stock = await node(false);
  const wrapped = await node(true);
  const resume = await pauseRedis();

  const heldBack = new Promise((resolve) => stock.client.once("said", resolve));
  stock.io.to("r").emit("said", "to the stock adapter's room");
  const delivered = new Promise((resolve) => wrapped.client.once("said", resolve));
  wrapped.io.to("r").emit("said", "to localFirst's room");
  expect(await within(delivered, 500)).toBe("to localFirst's room");
  expect(await within(heldBack, 500)).toBe("nothing");

  const closed = new Promise((resolve) => wrapped.client.once("disconnect", resolve));
  wrapped.io.in("r").disconnectSockets(true);
  expect(await within(closed, 500)).toBe("io server disconnect");

  // Once Redis answers, socket.io's adapter delivers what it held.
  resume();
  expect(await within(heldBack, 5000)).toBe("to the stock adapter's room");
});

test("Redis stopped: fetchSockets answers with this node's sockets instead of failing", async () => {
  const wrapped = await node(true);
  await redis.stop();
  onTestFinished(() => redis.start());
  const sockets = await wrapped.io.fetchSockets();
  expect(sockets.map((s) => s.id)).toEqual([wrapped.client.id]);
});

test("relayStatus notices a Redis that stops answering, and its return", { timeout: 30_000 }, async () => {
  const relay = relayStatus(createLog("silent"), { heartbeatMs: 200 });
  onTestFinished(() => relay.stop());
  const publisher = adapterRedis(connection(), relay.track);
  const reader = publisher.duplicate();
  onTestFinished(() => {
    publisher.disconnect();
    reader.disconnect();
  });
  await until(() => publisher.status === "ready" && reader.status === "ready", "both connections are ready", 5000);
  expect(relay.ok()).toBe(true);

  const resume = await pauseRedis();
  await until(() => !relay.ok(), "the relay is down", 10_000);
  resume();
  await until(() => relay.ok(), "the relay is back", 15_000);
});
