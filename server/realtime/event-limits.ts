// Per-member limits on every socket event (docs/realtime.md): a member flooding one event is
// refused with "too fast" while everyone else goes on. With Redis the counts are shared by every
// node; while Redis is away each node counts on its own (an insurance limiter) instead of
// refusing all chat, so a Redis outage slows nothing down and lets no flood through.
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { ClientToServerEvents } from "#app/contracts/events.ts";
import { TooManyAttempts } from "#server/errors.ts";

type EventName = keyof ClientToServerEvents;

/** Points per window (seconds) for each event, each its own budget per member. */
export const EVENT_LIMITS: Record<EventName, { points: number; seconds: number }> = {
  "session:check": { points: 30, seconds: 10 },
  "chat:join": { points: 30, seconds: 10 },
  "chat:leave": { points: 30, seconds: 10 },
  "chat:send": { points: 10, seconds: 10 },
  "chat:sync": { points: 60, seconds: 10 },
  "chat:typing": { points: 20, seconds: 10 },
  "chat:report": { points: 10, seconds: 60 },
  "chat:remove": { points: 60, seconds: 60 },
  "chat:mute": { points: 60, seconds: 60 },
  "chat:slow": { points: 60, seconds: 60 },
  "chat:lock": { points: 60, seconds: 60 },
  "thread:watch": { points: 60, seconds: 10 },
  "thread:unwatch": { points: 60, seconds: 10 },
};

/** Connections a session may open in a minute (a page's one socket, its reconnects, a few tabs). */
export const CONNECT_LIMIT = { points: 30, seconds: 60 };

/** A socket refused `refusals` times within `seconds` is a script, not a page (a page sends one
 *  message at a time and waits for its answer): it is closed, and its session may not connect
 *  again for `shutSeconds`. So a flood costs the node a few dozen refusals a minute, not one per
 *  packet for as long as the script runs. */
export const FLOOD = { refusals: 30, seconds: 10, shutSeconds: 60 };

export interface EventLimiter {
  /** Throws TooManyAttempts when this member has used up this event's budget. */
  consume(memberId: string, event: EventName): Promise<void>;
  /** Throws TooManyAttempts when this session (`key`, never the token itself) may not connect now. */
  connect(key: string): Promise<void>;
  /** Refuses this session's connections for FLOOD.shutSeconds. */
  shut(key: string): Promise<void>;
}

export function eventLimiter(redis: Redis | null, limits = EVENT_LIMITS): EventLimiter {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterMemory | RateLimiterRedis => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, insuranceLimiter: memory }) : memory;
  };
  const limiters = new Map<EventName, RateLimiterAbstract>();
  for (const [event, { points, seconds }] of Object.entries(limits) as Array<[EventName, { points: number; seconds: number }]>) {
    limiters.set(event, make(`ev_${event.replace(":", "_")}`, points, seconds));
  }
  const connects = make("ev_connect", CONNECT_LIMIT.points, CONNECT_LIMIT.seconds);
  return {
    async consume(memberId, event) {
      const limiter = limiters.get(event);
      if (!limiter) throw new TooManyAttempts(60);
      await consumeOrRefuse(limiter, memberId);
    },
    connect: (key) => consumeOrRefuse(connects, key),
    async shut(key) {
      await connects.block(key, FLOOD.shutSeconds).catch(() => {});
    },
  };
}

async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string) {
  try {
    await limiter.consume(key);
  } catch (err) {
    throw new TooManyAttempts(err instanceof RateLimiterRes ? Math.max(1, Math.ceil(err.msBeforeNext / 1000)) : 10);
  }
}
