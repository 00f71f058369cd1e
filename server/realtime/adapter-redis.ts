// The Redis connection given to socket.io's streams adapter. The adapter sends some commands
// without awaiting them (PUBLISH of ephemeral packets, SUBSCRIBE on the connections it
// duplicates), and ioredis re-subscribes on its own after a reconnect. When Hearth closes those
// connections while such a command waits for its reply, ioredis rejects it with "Connection is
// closed." and nobody handles it: an unhandled rejection ends a Node process. Here every command's
// promise is marked handled; a caller that awaits it still sees the rejection.
import type { Redis } from "ioredis";

export function adapterRedis(base: Redis): Redis {
  const client = base.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  return markRejectionsHandled(client);
}

function markRejectionsHandled(client: Redis): Redis {
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((...args: Parameters<Redis["sendCommand"]>) => {
    const reply = send(...args);
    (reply as Promise<unknown> | undefined)?.catch(() => {});
    return reply;
  }) as Redis["sendCommand"];
  const duplicate = client.duplicate.bind(client);
  client.duplicate = ((...args: Parameters<Redis["duplicate"]>) => markRejectionsHandled(duplicate(...args))) as Redis["duplicate"];
  client.on("error", () => {});
  return client;
}
