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

export interface EventLimiter {
  /** Throws TooManyAttempts when this member has used up this event's budget. */
  consume(memberId: string, event: EventName): Promise<void>;
}

export function eventLimiter(redis: Redis | null, limits = EVENT_LIMITS): EventLimiter {
  const limiters = new Map<EventName, RateLimiterAbstract>();
  for (const [event, { points, seconds }] of Object.entries(limits) as Array<[EventName, { points: number; seconds: number }]>) {
    const keyPrefix = `ev_${event.replace(":", "_")}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: seconds });
    limiters.set(event, redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: seconds, insuranceLimiter: memory }) : memory);
  }
  return {
    async consume(memberId, event) {
      const limiter = limiters.get(event);
      if (!limiter) throw new TooManyAttempts(60);
      try {
        await limiter.consume(memberId);
      } catch (err) {
        throw new TooManyAttempts(err instanceof RateLimiterRes ? Math.max(1, Math.ceil(err.msBeforeNext / 1000)) : 10);
      }
    },
  };
}
