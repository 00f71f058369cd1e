// Sign-in throttling on a real Redis (server/auth/throttle.ts) keeps counters under hashes: no key
// holds a pseudonym, so a name tried at the sign-in form — or an erased member's — is not left in
// Redis for the counters' quarter of an hour. The counters still count.
import { Redis } from "ioredis";
import { expect, test } from "vitest";
import { DEFAULT_LIMITS, redisThrottle } from "#server/auth/throttle.ts";
import { pseudonymKey } from "#server/auth/pseudonym.ts";
import { isTooManyAttempts } from "#server/errors.ts";
import { startRedis } from "#tests/helpers/redis.ts";

test("failed sign-ins are counted in Redis under keys that hold no pseudonym", async () => {
  const server = await startRedis();
  const redis = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const throttle = redisThrottle(redis, DEFAULT_LIMITS, async () => undefined);
    const name = pseudonymKey("Juniper Moss");
    for (let i = 0; i < DEFAULT_LIMITS.pairFailures; i++) {
      await throttle.before("sign-in", name, "client-a");
      await throttle.failed("sign-in", name, "client-a");
    }
    const refused = await throttle.before("sign-in", name, "client-a").catch((err: unknown) => err);
    expect(isTooManyAttempts(refused)).toBe(true);
    const keys = await redis.keys("*");
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const values = await Promise.all(keys.map((k) => redis.get(k)));
    const stored = [...keys, ...values].join("\n").toLowerCase();
    expect(stored).not.toContain("juniper");
    expect(stored).not.toContain(name);
  } finally {
    redis.disconnect();
  }
});
