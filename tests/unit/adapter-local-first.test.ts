// localFirst publishes the messages socket.io's cluster adapter would (adapter-local-first.ts):
// the numbers it sends must be socket.io-adapter's own.
import { MessageType } from "socket.io-adapter";
import { expect, test } from "vitest";
import { MESSAGE_TYPE } from "#server/realtime/adapter-local-first.ts";

test("the message types localFirst publishes are socket.io-adapter's", () => {
  expect(MESSAGE_TYPE).toEqual({
    BROADCAST: MessageType.BROADCAST,
    SOCKETS_JOIN: MessageType.SOCKETS_JOIN,
    SOCKETS_LEAVE: MessageType.SOCKETS_LEAVE,
    DISCONNECT_SOCKETS: MessageType.DISCONNECT_SOCKETS,
  });
});
