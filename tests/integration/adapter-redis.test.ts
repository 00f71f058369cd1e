// The socket.io adapter's Redis connections (server/realtime/adapter-redis.ts). Closing them while a
// command waits for its reply must not leave an unhandled rejection (it ends a Node process; CI
// once caught one at shutdown). While Redis is away the publishing connection refuses at once,
// so nothing waits on it or piles up, and the connections it duplicates queue until Redis is back.
import { Redis } from "ioredis";
import { expect, onTestFinished, test } from "vitest";
import { startRedis } from "#tests/helpers/redis.ts";
import { adapterRedis } from "#server/realtime/adapter-redis.ts";

const redis = await startRedis();
const ready = (client: Redis) => (client.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => client.once("ready", () => resolve())));

test("commands cut off by a disconnect are handled, and awaiting callers still see the error", async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  onTestFinished(() => void process.off("unhandledRejection", onUnhandled));

  const base = new Redis(redis.url, { lazyConnect: true });
  const client = adapterRedis(base);
  const sub = client.duplicate();
  await Promise.all([ready(client), sub.ping()]);
  // Fire and forget, as the adapter does; blocking commands so that no reply can arrive first.
  void sub.blpop("nothing-here", 5);
  void client.blpop("nothing-here", 5);
  const awaited = client.brpop("nothing-either", 5);
  sub.disconnect();
  client.disconnect();
  await expect(awaited).rejects.toThrow("Connection is closed.");
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(unhandled).toEqual([]);
  base.disconnect();
});

test("with Redis away the publishing connection refuses at once, its duplicates wait, and each sees Redis come back", { timeout: 30_000 }, async () => {
  const base = new Redis(redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  base.on("error", () => {});
  const tracked: string[] = [];
  const publisher = adapterRedis(base, (_client, kind) => tracked.push(kind));
  const reader = publisher.duplicate();
  onTestFinished(() => {
    for (const c of [base, publisher, reader]) c.disconnect();
  });
  await Promise.all([ready(publisher), ready(reader)]);
  expect(tracked).toEqual(["publisher", "reader"]);

  await redis.stop();
  const started = Date.now();
  await expect(publisher.xadd("socket.io", "*", "k", "v")).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(500);
  let answered = false;
  const waiting = reader.ping().then((pong) => {
    answered = true;
    return pong;
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(answered).toBe(false);

  await redis.start();
  expect(await waiting).toBe("PONG");
  await ready(publisher);
  expect(await publisher.xadd("socket.io", "*", "k", "v")).toMatch(/^\d+-\d+$/);
});
