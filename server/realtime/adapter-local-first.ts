// This node's own sockets first, then the other nodes (docs/decisions/016-realtime-across-nodes.md).
//
// socket.io's cluster adapter (which the streams adapter extends) delivers a broadcast, a
// disconnect or a room change to this node's sockets only once Redis has answered the XADD that
// carries it to the other nodes. While Redis is away that answer does not come until Redis is
// back (a command already sent when the connection dropped is sent again then), so a message
// stops reaching the very room it was sent in, and a ban stops closing the banned member's
// socket even on the node that made it. Connection-state recovery is off (decision 016), so the stream offset that
// answer carries is not needed here: each operation is applied to this node's sockets at once
// and published alongside, in the same order.
import type { BroadcastOptions } from "socket.io-adapter";

// socket.io-adapter's MessageType (tests/unit/adapter-local-first.test.ts checks the numbers).
export const MESSAGE_TYPE = { BROADCAST: 3, SOCKETS_JOIN: 4, SOCKETS_LEAVE: 5, DISCONNECT_SOCKETS: 6 } as const;

/** What the cluster adapter has and this file uses: `publish` is protected in its types. */
interface ClusterAdapter {
  broadcast(packet: unknown, opts: BroadcastOptions): unknown;
  addSockets(opts: BroadcastOptions, rooms: string[]): unknown;
  delSockets(opts: BroadcastOptions, rooms: string[]): unknown;
  disconnectSockets(opts: BroadcastOptions, close: boolean): unknown;
  serverCount(): Promise<number>;
  publish(message: { type: number; data: unknown }): void;
}

const encode = (opts: BroadcastOptions) => ({ rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags });
const onlyHere = (opts: BroadcastOptions): BroadcastOptions => ({ ...opts, flags: { ...opts.flags, local: true } });

export function localFirst<A extends object>(factory: (nsp: unknown) => A): (nsp: unknown) => A {
  // A function, not an arrow: socket.io calls it with `new`, and the object it returns wins.
  return function adapter(nsp: unknown) {
    const made = factory(nsp);
    const cluster = made as unknown as ClusterAdapter;
    const original = {
      broadcast: cluster.broadcast.bind(cluster),
      addSockets: cluster.addSockets.bind(cluster),
      delSockets: cluster.delSockets.bind(cluster),
      disconnectSockets: cluster.disconnectSockets.bind(cluster),
      serverCount: cluster.serverCount.bind(cluster),
    };
    // `publish` serializes the message before it returns, and catches Redis's refusal itself.
    const publish = (opts: BroadcastOptions, type: number, data: object) => {
      if (!opts.flags?.local) cluster.publish({ type, data: { ...data, opts: encode(opts) } });
    };
    cluster.broadcast = (packet, opts) => {
      publish(opts, MESSAGE_TYPE.BROADCAST, { packet });
      return original.broadcast(packet, onlyHere(opts));
    };
    cluster.addSockets = (opts, rooms) => {
      publish(opts, MESSAGE_TYPE.SOCKETS_JOIN, { rooms });
      return original.addSockets(onlyHere(opts), rooms);
    };
    cluster.delSockets = (opts, rooms) => {
      publish(opts, MESSAGE_TYPE.SOCKETS_LEAVE, { rooms });
      return original.delSockets(onlyHere(opts), rooms);
    };
    cluster.disconnectSockets = (opts, close) => {
      publish(opts, MESSAGE_TYPE.DISCONNECT_SOCKETS, { close });
      return original.disconnectSockets(onlyHere(opts), close);
    };
    // fetchSockets (local ones included) asks Redis how many nodes there are first; while Redis is
    // away this node can reach no other, so it answers for itself instead of failing.
    cluster.serverCount = () => original.serverCount().catch(() => 1);
    return made;
  };
}
