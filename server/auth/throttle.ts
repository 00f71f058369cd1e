// Throttling of sign-in, recovery, sign-up and posting (ASVS 6.3.x, OWASP Authentication Cheat Sheet).
// Blocks are keyed on (pseudonym, client) and on the client alone; the per-pseudonym counter only
// slows answers down, so an attacker cycling addresses cannot lock the owner out of their account
// (docs/decisions/004-throttling.md). Unknown pseudonyms are counted exactly like known ones.
// With Redis every limit is shared by all nodes, and a Redis outage fails closed, except for
// posting: that limit only keeps a signed-in member from flooding, so while Redis is away each
// node counts it on its own, as for socket events (docs/decisions/016-realtime-across-nodes.md),
// and members can still post.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { TooManyAttempts } from "#server/errors.ts";

/** "reauth": the current passphrase asked again in settings, keyed by member. */
export type AttemptKind = "sign-in" | "recover" | "reauth";

export interface ThrottleLimits {
  pairFailures: number; // per (pseudonym, client), then blocked
  clientFailures: number; // per client across pseudonyms, then blocked
  pseudonymFailures: number; // per pseudonym across clients, then slowed
  signUps: number; // new accounts per client
  postsPerMinute: number; // threads and replies per member
  exportsPerHour: number; // downloads of everything Hearth holds about a member, per member
  windowSeconds: number;
  slowdownStepMs: number;
  slowdownMaxMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  pairFailures: 5,
  clientFailures: 30,
  pseudonymFailures: 20,
  signUps: 10,
  postsPerMinute: 6,
  // An export reads every row of the member (a second for 10,000 posts, docs/performance.md): a
  // member downloading both files a few times is far below this; a loop of downloads is stopped.
  exportsPerHour: 12,
  windowSeconds: 15 * 60,
  slowdownStepMs: 250,
  slowdownMaxMs: 5_000,
};

export interface Throttle {
  /** Throws TooManyAttempts when blocked; resolves after any slow-down delay. */
  before(kind: AttemptKind, pseudonymKey: string, clientKey: string): Promise<void>;
  failed(kind: AttemptKind, pseudonymKey: string, clientKey: string): Promise<void>;
  succeeded(kind: AttemptKind, pseudonymKey: string, clientKey: string): Promise<void>;
  signUp(clientKey: string): Promise<void>;
  /** Throws TooManyAttempts when a member posts faster than people write. */
  posting(memberId: string): Promise<void>;
  /** Throws TooManyAttempts when a member asks for their export again and again. */
  exporting(memberId: string): Promise<void>;
}

type Make = (opts: { keyPrefix: string; points: number; duration: number; blockDuration?: number; perNodeWhenAway?: boolean }) => RateLimiterAbstract;

function retryAfter(res: RateLimiterRes | null) {
  return Math.max(1, Math.ceil((res?.msBeforeNext ?? 60_000) / 1000));
}

async function consume(limiter: RateLimiterAbstract, key: string) {
  try {
    await limiter.consume(key);
  } catch (err) {
    // A RateLimiterRes means "limit reached"; anything else is a store failure: fail closed.
    throw new TooManyAttempts(err instanceof RateLimiterRes ? retryAfter(err) : 60);
  }
}

async function read(limiter: RateLimiterAbstract, key: string) {
  try {
    return await limiter.get(key);
  } catch {
    throw new TooManyAttempts(60);
  }
}

/** A limiter key for a pseudonym: its hash, so that Redis (or a memory dump) holds no name, and an
 *  erased member's name does not outlive them in a counter. */
const named = (kind: AttemptKind, pseudonymKey: string) => `${kind}:${createHash("sha256").update(pseudonymKey).digest("base64url").slice(0, 22)}`;

function build(make: Make, limits: ThrottleLimits, sleep: (ms: number) => Promise<void>): Throttle {
  const w = limits.windowSeconds;
  const pair = make({ keyPrefix: "auth_pair", points: limits.pairFailures, duration: w, blockDuration: w });
  const client = make({ keyPrefix: "auth_client", points: limits.clientFailures, duration: w, blockDuration: w });
  const name = make({ keyPrefix: "auth_name", points: 1_000_000, duration: w });
  const signUps = make({ keyPrefix: "signup_client", points: limits.signUps, duration: 60 * 60, blockDuration: 60 * 60 });
  const postsLimiter = make({ keyPrefix: "posts_member", points: limits.postsPerMinute, duration: 60, perNodeWhenAway: true });
  const exportsLimiter = make({ keyPrefix: "exports_member", points: limits.exportsPerHour, duration: 60 * 60, perNodeWhenAway: true });

  return {
    async before(kind, pseudonymKey, clientKey) {
      const [p, c, n] = await Promise.all([
        read(pair, `${named(kind, pseudonymKey)}:${clientKey}`),
        read(client, clientKey),
        read(name, named(kind, pseudonymKey)),
      ]);
      for (const [res, points] of [
        [p, limits.pairFailures],
        [c, limits.clientFailures],
      ] as const) {
        if (res && res.consumedPoints >= points) throw new TooManyAttempts(retryAfter(res));
      }
      const over = (n?.consumedPoints ?? 0) - limits.pseudonymFailures;
      if (over > 0) await sleep(Math.min(limits.slowdownMaxMs, over * limits.slowdownStepMs));
    },
    async failed(kind, pseudonymKey, clientKey) {
      await Promise.allSettled([
        consume(pair, `${named(kind, pseudonymKey)}:${clientKey}`),
        consume(client, clientKey),
        consume(name, named(kind, pseudonymKey)),
      ]);
    },
    async succeeded(kind, pseudonymKey, clientKey) {
      await pair.delete(`${named(kind, pseudonymKey)}:${clientKey}`).catch(() => undefined);
    },
    async signUp(clientKey) {
      await consume(signUps, clientKey);
    },
    async posting(memberId) {
      await consume(postsLimiter, memberId);
    },
    async exporting(memberId) {
      await consume(exportsLimiter, memberId);
    },
  };
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function memoryThrottle(limits = DEFAULT_LIMITS, sleep = realSleep): Throttle {
  return build(({ perNodeWhenAway: _, ...o }) => new RateLimiterMemory(o), limits, sleep);
}

export function redisThrottle(redis: Redis, limits = DEFAULT_LIMITS, sleep = realSleep): Throttle {
  return build(
    ({ perNodeWhenAway, ...o }) =>
      new RateLimiterRedis({
        ...o,
        storeClient: redis,
        rejectIfRedisNotReady: true,
        keyPrefix: `hearth:${o.keyPrefix}`,
        insuranceLimiter: perNodeWhenAway ? new RateLimiterMemory(o) : undefined,
      }),
    limits,
    sleep,
  );
}
