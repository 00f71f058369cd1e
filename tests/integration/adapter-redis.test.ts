// Closing the socket.io adapter's Redis connections while a command waits for its reply must not
// leave an unhandled rejection (it ends a Node process; CI once caught one at shutdown).
import { Redis } from "ioredis";
import { expect, onTestFinished, test } from "vitest";
import { startRedis } from "#tests/helpers/redis.ts";
import { adapterRedis } from "#server/realtime/adapter-redis.ts";

const redis = await startRedis();

test("commands cut off by a disconnect are handled, and awaiting callers still see the error", async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  onTestFinished(() => void process.off("unhandledRejection", onUnhandled));

  const base = new Redis(redis.url, { lazyConnect: true });
  const client = adapterRedis(base);
  const sub = client.duplicate();
  await Promise.all([client.ping(), sub.ping()]);
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
