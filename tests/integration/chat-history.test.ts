// History and order over real sockets: chat:join answers the last 50 oldest first; ids from many
// concurrent senders are strictly increasing, string-sortable and follow the stored order; a
// retried send stores one row, answers the same id and reaches nobody twice; blocked authors'
// messages reach neither the history nor the screen of the member who blocks them.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { blocks, chatMessages, chatRooms } from "#db/schema.ts";
import { CHAT_HISTORY } from "#app/contracts/chat.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { relaxed } from "#tests/helpers/forums.ts";
import { chatHearth, chatMember, collect, connected, next, send } from "./chat-helpers.ts";

const { hearth, db, database } = await chatHearth();
// For writing history quickly, past the per-member socket limits: the same service the sockets call.
const chat = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) }).chat;

async function roomRows(slug: string) {
  const [room] = await db.select().from(chatRooms).where(eq(chatRooms.slug, slug));
  return db.select().from(chatMessages).where(eq(chatMessages.roomId, room!.id)).orderBy(chatMessages.seq);
}

test("chat:join answers the room's state and its last 50 messages, oldest first", async () => {
  const writer = await chatMember(db);
  for (let i = 1; i <= 60; i++) await chat.send(writer.actor, "check-in", { clientId: randomUUID(), body: `Line ${i}` });
  const reader = await connected(hearth, await chatMember(db));
  const joined = await reader.emitWithAck("chat:join", { room: "check-in" });
  if (!joined.ok) throw new Error(joined.error);
  expect(joined.state).toEqual({ room: "check-in", locked: false, slowModeSeconds: 0 });
  expect(joined.canWrite).toBe(true);
  expect(joined.messages).toHaveLength(CHAT_HISTORY);
  expect(joined.messages.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `Line ${i + 11}`));
  expect(joined.messages[0]).toMatchObject({ room: "check-in", author: writer.pseudonym });
  const ids = joined.messages.map((m) => m.id);
  expect([...ids].sort()).toEqual(ids);
});

test("many concurrent senders: acknowledged ids are unique, strictly increasing in stored order, and sort as strings", async () => {
  const senders = await Promise.all(Array.from({ length: 12 }, () => chatMember(db)));
  const sockets = await Promise.all(senders.map((m) => connected(hearth, m)));
  const observer = await connected(hearth, await chatMember(db));
  await observer.emitWithAck("chat:join", { room: "members" });
  const pushed = collect(observer, "chat:message");
  // Twelve senders at once, each sending its next message once the last was acknowledged, as
  // the browser's outbox does (events sent without waiting are handled concurrently).
  const answers = (
    await Promise.all(
      sockets.map(async (s, i) => {
        const mine = [];
        for (let j = 0; j < 8; j++) mine.push(await send(s, "members", `Sender ${i} says ${j}`));
        return mine;
      }),
    )
  ).flat();
  const ids = answers.map((a) => (a.ok ? a.id : a.error));
  expect(new Set(ids).size).toBe(96);
  const rows = await roomRows("members");
  expect(rows).toHaveLength(96);
  // Stored numbers are the room's counter: 1..96 with no gap, in the order rows were committed.
  expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 96 }, (_, i) => i + 1));
  const byId = [...ids].sort();
  expect(byId.map(Number)).toEqual(rows.map((r) => r.seq));
  for (let i = 1; i < byId.length; i++) expect(byId[i]! > byId[i - 1]!).toBe(true);
  // Each sender's own messages keep the order they were sent in.
  for (let i = 0; i < 12; i++) {
    const mine = rows.filter((r) => r.authorId === senders[i]!.id).map((r) => r.body);
    expect(mine).toEqual(Array.from({ length: 8 }, (_, j) => `Sender ${i} says ${j}`));
  }
  await expect.poll(() => pushed.length).toBe(96);
  expect(new Set(pushed.map((m) => m.id)).size).toBe(96);
});

test("a retried send (same clientId) stores one message, answers the same id and is not pushed again", async () => {
  const writer = await connected(hearth, await chatMember(db));
  const observer = await connected(hearth, await chatMember(db));
  await observer.emitWithAck("chat:join", { room: "lounge" });
  const pushed = collect(observer, "chat:message");
  const clientId = randomUUID();
  const first = await send(writer, "lounge", "Only once, please.", clientId);
  const again = await send(writer, "lounge", "Only once, please.", clientId);
  // Both at once, too: one waits for the other's commit and meets its row.
  const twin = randomUUID();
  const [a, b] = await Promise.all([send(writer, "lounge", "Twins.", twin), send(writer, "lounge", "Twins.", twin)]);
  expect(first.ok && again.ok && a.ok && b.ok).toBe(true);
  if (!first.ok || !again.ok || !a.ok || !b.ok) return;
  expect(again.id).toBe(first.id);
  expect(b.id).toBe(a.id);
  const stored = await db.select().from(chatMessages).where(eq(chatMessages.clientId, clientId));
  expect(stored).toHaveLength(1);
  expect(await db.select().from(chatMessages).where(eq(chatMessages.clientId, twin))).toHaveLength(1);
  // A later message proves the pushes before it have arrived.
  const marked = next(observer, "chat:message", (m) => m.body === "Marker.");
  expect((await send(writer, "lounge", "Marker.")).ok).toBe(true);
  await marked;
  expect(pushed.filter((m) => m.id === first.id)).toHaveLength(1);
  expect(pushed.filter((m) => m.id === a.id)).toHaveLength(1);
});

test("messages by a member one blocks are left out of join and sync and never pushed to them", async () => {
  const blocker = await chatMember(db);
  const blocked = await chatMember(db);
  const friend = await chatMember(db);
  await db.insert(blocks).values({ blockerId: blocker.id, blockedId: blocked.id });
  const before = await chat.send(blocked.actor, "check-in", { clientId: randomUUID(), body: "Blocked, before." });
  const mine = await connected(hearth, blocker);
  const joined = await mine.emitWithAck("chat:join", { room: "check-in" });
  if (!joined.ok) throw new Error(joined.error);
  expect(joined.messages.map((m) => m.id)).not.toContain(before.message.id);
  const pushed = collect(mine, "chat:message");
  const blockedSocket = await connected(hearth, blocked);
  const friendSocket = await connected(hearth, friend);
  const hidden = await send(blockedSocket, "check-in", "Blocked, live.");
  const shown = await send(friendSocket, "check-in", "Friend, live.");
  if (!hidden.ok || !shown.ok) throw new Error("sends refused");
  await next(mine, "chat:message", (m) => m.id === shown.id);
  expect(pushed.map((m) => m.id)).not.toContain(hidden.id);
  const synced = await mine.emitWithAck("chat:sync", { room: "check-in", afterId: null });
  if (!synced.ok) throw new Error(synced.error);
  expect(synced.messages.map((m) => m.author)).not.toContain(blocked.pseudonym);
  expect(synced.messages.map((m) => m.id)).toContain(shown.id);
  // Everyone else reads them.
  const rows = await db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.authorId, blocked.id), eq(chatMessages.status, "visible")));
  expect(rows).toHaveLength(2);
});
