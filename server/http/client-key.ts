// Rate-limit keys for a client: an HMAC of its IP address under a key that changes every UTC day
// (docs/architecture.md, Privacy rules). The raw address never leaves this function: it is not stored,
// logged or returned. With Redis, all nodes share the day's key (kept for two days, then gone).
import { createHmac, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

export type ClientKeyer = (ip: string | undefined, now?: Date) => Promise<string>;

function day(now: Date) {
  return now.toISOString().slice(0, 10);
}

function hmac(key: string, ip: string) {
  return createHmac("sha256", key).update(ip).digest("base64url").slice(0, 32);
}

export function memoryClientKeyer(): ClientKeyer {
  let current: { day: string; key: string } | undefined;
  return async (ip, now = new Date()) => {
    if (current?.day !== day(now)) current = { day: day(now), key: randomBytes(32).toString("hex") };
    return hmac(current.key, ip ?? "unknown");
  };
}

export function redisClientKeyer(redis: Redis): ClientKeyer {
  const cache = new Map<string, string>();
  return async (ip, now = new Date()) => {
    const d = day(now);
    let key = cache.get(d);
    if (!key) {
      const name = `hearth:client-key:${d}`;
      await redis.set(name, randomBytes(32).toString("hex"), "EX", 2 * 24 * 60 * 60, "NX");
      key = (await redis.get(name)) ?? undefined;
      if (!key) throw new Error("client key unavailable");
      cache.clear();
      cache.set(d, key);
    }
    return hmac(key, ip ?? "unknown");
  };
}
