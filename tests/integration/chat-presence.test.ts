// Presence and typing over real sockets: the count of distinct members present goes to the room,
// names only to its moderators; a burst of joins is pushed as a count or two, at most one a
// second, not one per join; typing reaches the room without the typer's name and moderators
// with it, and neither the typer nor members who block the typer.
import { expect, test } from "vitest";
import { blocks } from "#db/schema.ts";
import { PRESENCE_GAP_MS } from "#server/chat/presence.ts";
import { chatHearth, chatMember, collect, connected, next, type ChatMember } from "./chat-helpers.ts";

const { hearth, db } = await chatHearth();

async function joined(room: string, member: ChatMember) {
  const socket = await connected(hearth, member);
  const answer = await socket.emitWithAck("chat:join", { room });
  if (!answer.ok) throw new Error(answer.error);
  return socket;
}

test("members see how many are present; only moderators see who, and one member with two tabs counts once", async () => {
  const moderator = await chatMember(db, { role: "moderator" });
  const alice = await chatMember(db);
  const bob = await chatMember(db);
  const modSocket = await joined("check-in", moderator);
  const aliceSocket = await joined("check-in", alice);
  const names = [moderator.pseudonym, alice.pseudonym, bob.pseudonym].sort();
  const memberView = next(aliceSocket, "chat:presence", (p) => p.count === 3);
  const modView = next(modSocket, "chat:presence", (p) => p.count === 3);
  await joined("check-in", bob);
  await joined("check-in", bob);
  expect(await memberView).toEqual({ room: "check-in", count: 3 });
  expect(await modView).toEqual({ room: "check-in", count: 3, names });
  // Leaving (closing the socket) counts again.
  const fewer = next(modSocket, "chat:presence", (p) => p.count === 2, 5000);
  aliceSocket.disconnect();
  expect(await fewer).toEqual({ room: "check-in", count: 2, names: [moderator.pseudonym, bob.pseudonym].sort() });
});

test("forty joins in a burst are pushed as a few counts, at most one a second, ending with the right number", async () => {
  const observer = await joined("members", await chatMember(db));
  const seen = collect(observer, "chat:presence");
  const times: number[] = [];
  observer.on("chat:presence", () => times.push(Date.now()));
  const crowd = await Promise.all(Array.from({ length: 40 }, () => chatMember(db)));
  const started = Date.now();
  await Promise.all(crowd.map((m) => joined("members", m)));
  const burst = Date.now() - started;
  await expect.poll(() => seen.at(-1)?.count, { timeout: 5000 }).toBe(41);
  // Let any push still due arrive, then look at them all.
  await new Promise((resolve) => setTimeout(resolve, PRESENCE_GAP_MS + 300));
  expect(seen.at(-1)).toEqual({ room: "members", count: 41 });
  // One push a second the burst lasted, and one after it: never one per join.
  expect(seen.length).toBeLessThanOrEqual(Math.ceil(burst / PRESENCE_GAP_MS) + 2);
  expect(seen.length).toBeLessThan(10);
  // Sent a second apart; received with some jitter.
  for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(PRESENCE_GAP_MS - 250);
});

test("typing goes to the room without a name, to moderators with it, and not to the typer or to members who block them", async () => {
  const typer = await chatMember(db);
  const reader = await chatMember(db);
  const blocker = await chatMember(db);
  const moderator = await chatMember(db, { role: "admin" });
  await db.insert(blocks).values({ blockerId: blocker.id, blockedId: typer.id });
  const typerSocket = await joined("lounge", typer);
  const readerSocket = await joined("lounge", reader);
  const blockerSocket = await joined("lounge", blocker);
  const modSocket = await joined("lounge", moderator);
  const typerSees = collect(typerSocket, "chat:typing");
  const blockerSees = collect(blockerSocket, "chat:typing");
  const readerSees = next(readerSocket, "chat:typing");
  const modSees = next(modSocket, "chat:typing");
  expect(await typerSocket.emitWithAck("chat:typing", { room: "lounge" })).toEqual({ ok: true });
  expect(await readerSees).toEqual({ room: "lounge" });
  expect(await modSees).toEqual({ room: "lounge", name: typer.pseudonym });
  // The reader's own typing reaches the blocker: everything before it has arrived.
  const blockerHearsReader = next(blockerSocket, "chat:typing");
  await readerSocket.emitWithAck("chat:typing", { room: "lounge" });
  expect(await blockerHearsReader).toEqual({ room: "lounge" });
  expect(blockerSees).toHaveLength(1);
  expect(typerSees).toEqual([{ room: "lounge" }]);
  // Someone who may not write does not show as typing.
  const suspended = await chatMember(db, { status: "suspended", suspendedUntil: new Date(Date.now() + 86_400_000) });
  const suspendedSocket = await joined("lounge", suspended);
  expect((await suspendedSocket.emitWithAck("chat:typing", { room: "lounge" })).ok).toBe(false);
});
