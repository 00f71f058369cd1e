// The Redis connections of socket.io's streams adapter (docs/decisions/016-realtime-across-nodes.md).
//
// The connection given to the adapter publishes (XADD, PUBLISH) and fails at once while Redis is
// away: nothing piles up in memory during an outage, and no caller waits for Redis to come back.
// The connections the adapter duplicates from it (one blocks on XREAD in a loop, one
// subscribes) queue instead: an XREAD that failed at once would be retried at once, forever,
// and starve the event loop.
//
// The adapter also sends some commands without awaiting them (PUBLISH of ephemeral packets,
// SUBSCRIBE on its duplicates), and ioredis re-subscribes on its own after a reconnect. When
// Hearth closes those connections while such a command waits for its reply, ioredis rejects it
// with "Connection is closed." and nobody handles it: an unhandled rejection ends a Node process.
// Here every command's promise is marked handled; a caller that awaits it still sees the rejection.
import type { Redis } from "ioredis";

type Track = (client: Redis, kind: "publisher" | "reader") => void;

/** `track` sees every connection made here (relay-status.ts watches them). */
export function adapterRedis(base: Redis, track: Track = () => {}): Redis {
  // Connected at once: nothing else would connect it, since it refuses commands until it is ready.
  const publisher = markRejectionsHandled(base.duplicate({ lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 }));
  track(publisher, "publisher");
  const duplicate = publisher.duplicate.bind(publisher);
  publisher.duplicate = ((override?: Parameters<Redis["duplicate"]>[0]) => {
    const reader = markRejectionsHandled(duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, ...override }));
    track(reader, "reader");
    return reader;
  }) as Redis["duplicate"];
  return publisher;
}

function markRejectionsHandled(client: Redis): Redis {
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((...args: Parameters<Redis["sendCommand"]>) => {
    const reply = send(...args);
    (reply as Promise<unknown> | undefined)?.catch(() => {});
    return reply;
  }) as Redis["sendCommand"];
  client.on("error", () => {});
  return client;
}
