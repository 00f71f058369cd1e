// The open room's reducer (app/components/chat/room-model.ts): whatever order and however often
// messages arrive — the page, chat:join, chat:sync after a reconnect, chat:message, an
// acknowledgement — the room shows each once, in id order, and a removal stays a removal.
import { expect, test } from "vitest";
import { type ChatMessage, chatMessageId } from "#app/contracts/chat.ts";
import { initialModel, KEPT_MESSAGES, lastId, type RoomModel, roomReducer, type RoomAction } from "#app/components/chat/room-model.ts";

const state = { room: "lounge", locked: false, slowModeSeconds: 0 };
const msg = (seq: number, body = `m${seq}`): ChatMessage => ({
  id: chatMessageId(seq),
  room: "lounge",
  author: "Willow",
  body,
  createdAt: new Date(Date.UTC(2026, 11, 3, 10, 0, seq)).toISOString(),
});
const ids = (model: RoomModel) => model.messages.map((m) => Number(m.id));
const run = (model: RoomModel, ...actions: RoomAction[]) => actions.reduce(roomReducer, model);

test("messages arriving twice or out of order show once, in id order", () => {
  const model = run(
    initialModel([msg(1), msg(2)], state),
    { type: "arrived", messages: [msg(4)] },
    { type: "arrived", messages: [msg(3), msg(2), msg(4)] },
    { type: "arrived", messages: [msg(10)] },
    { type: "arrived", messages: [msg(9)] },
  );
  expect(ids(model)).toEqual([1, 2, 3, 4, 9, 10]);
  expect(lastId(model)).toBe(chatMessageId(10));
});

test("ids order as strings the way their numbers do (zero-padded), past 9 and 99", () => {
  const model = run(initialModel([], state), { type: "arrived", messages: [msg(100), msg(9), msg(10), msg(99), msg(1)] });
  expect(ids(model)).toEqual([1, 9, 10, 99, 100]);
});

test("a removal takes the message out at once, and a later answer cannot bring it back", () => {
  const model = run(
    initialModel([msg(1), msg(2), msg(3)], state),
    { type: "removed", id: chatMessageId(2) },
    { type: "arrived", messages: [msg(2)] },
    { type: "snapshot", messages: [msg(1), msg(2), msg(3)], complete: true },
  );
  expect(ids(model)).toEqual([1, 3]);
});

test("a snapshot drops what it covers and leaves out (removed while away), keeps what came after it", () => {
  const page = initialModel([msg(1), msg(2), msg(3), msg(4)], state);
  // A live message that arrived after the snapshot was taken is newer than all of it.
  const model = run(page, { type: "arrived", messages: [msg(6)] }, { type: "snapshot", messages: [msg(2), msg(4), msg(5)], complete: false });
  expect(ids(model)).toEqual([1, 2, 4, 5, 6]);
  // Complete: older messages it leaves out are gone too; up to what the page knew when it asked.
  const rejoined = run(page, { type: "snapshot", messages: [msg(1), msg(3)], complete: true, knewUpTo: chatMessageId(4) });
  expect(ids(rejoined)).toEqual([1, 3]);
  // An empty complete snapshot covers nothing unless the page says what it knew.
  expect(ids(run(page, { type: "snapshot", messages: [], complete: true }))).toEqual([1, 2, 3, 4]);
  expect(ids(run(page, { type: "snapshot", messages: [], complete: true, knewUpTo: chatMessageId(4) }))).toEqual([]);
});

test("a send waits until acknowledged, then shows once even if the server's copy came first", () => {
  const sending = run(initialModel([msg(1)], state), { type: "sending", send: { clientId: "c1", body: "hello" } });
  expect(sending.pending).toEqual([{ clientId: "c1", body: "hello" }]);
  const mine = { ...msg(2, "hello"), author: "Me" };
  const acked = run(sending, { type: "acked", clientId: "c1", message: mine });
  expect(acked.pending).toEqual([]);
  expect(ids(acked)).toEqual([1, 2]);
  // The broadcast first, then the acknowledgement (or the same acknowledgement twice).
  const both = run(
    sending,
    { type: "arrived", messages: [{ ...mine, body: "hello (server)" }] },
    { type: "acked", clientId: "c1", message: mine },
    {
      type: "acked",
      clientId: "c1",
      message: mine,
    },
  );
  expect(both.messages.map((m) => m.body)).toEqual(["m1", "hello (server)"]);
});

test("a refused send leaves the queue and hands its text back", () => {
  const model = run(
    initialModel([], state),
    { type: "sending", send: { clientId: "a", body: "first" } },
    { type: "sending", send: { clientId: "b", body: "second" } },
    { type: "refused", clientId: "a", error: "Wait 10 s" },
  );
  expect(model.pending.map((p) => p.clientId)).toEqual(["b"]);
  expect(model.refused).toEqual({ body: "first", error: "Wait 10 s", n: 1 });
  // A refusal for a send no longer waiting changes nothing.
  expect(run(model, { type: "refused", clientId: "a", error: "again" })).toBe(model);
});

test("a page open for long keeps the newest messages only", () => {
  const many = Array.from({ length: KEPT_MESSAGES + 20 }, (_, i) => msg(i + 1));
  const model = run(initialModel([], state), { type: "arrived", messages: many });
  expect(model.messages).toHaveLength(KEPT_MESSAGES);
  expect(ids(model)[0]).toBe(21);
});
