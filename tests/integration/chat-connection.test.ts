// Chat's connection and safety on the real server: who may open a socket at all, sockets closed
// when a session ends or a member is banned, the member re-read on every event (a demoted
// moderator's next removal is refused), and per-member limits (a flood is slowed, nobody else).
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { chatMessages, members } from "#db/schema.ts";
import { translate } from "#app/i18n/catalog.ts";
import { CONNECT_LIMIT, FLOOD } from "#server/realtime/event-limits.ts";
import { createSession } from "#server/auth/session.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { chatHearth, chatMember, connected, next, openSocket, send } from "./chat-helpers.ts";

const { hearth, db } = await chatHearth();

function browserFor(member: { token: string }) {
  const client = new Browserless(hearth.url);
  client.cookies.set("hearth_session", member.token);
  return client;
}

test("no cookie, another site's Origin, a banned member and a waiting member get no socket", async () => {
  expect((await openSocket(hearth, null)).error?.message).toBe("unauthorized");
  const member = await chatMember(db);
  expect((await openSocket(hearth, member.cookie, { origin: "https://evil.example" })).error).toBeDefined();
  const banned = await chatMember(db, { status: "banned" });
  expect((await openSocket(hearth, banned.cookie)).error?.message).toBe("unauthorized");
  const waiting = await chatMember(db, { status: "waiting" });
  expect((await openSocket(hearth, waiting.cookie)).error?.message).toBe("unauthorized");
  // The same member, once let in, connects and joins.
  await db.update(members).set({ status: "active" }).where(eq(members.id, waiting.id));
  const socket = await connected(hearth, waiting);
  expect(await socket.emitWithAck("chat:join", { room: "lounge" })).toMatchObject({ ok: true, canWrite: true });
});

test("signing out closes the member's chat sockets", async () => {
  const member = await chatMember(db);
  const socket = await connected(hearth, member);
  await socket.emitWithAck("chat:join", { room: "lounge" });
  const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  await browserFor(member).post("/logout", {});
  expect(await closed).toBe("io server disconnect");
});

test("a ban closes the member's sockets at once, and they cannot come back", async () => {
  const moderator = await chatMember(db, { role: "moderator" });
  const member = await chatMember(db);
  const socket = await connected(hearth, member);
  await socket.emitWithAck("chat:join", { room: "lounge" });
  const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  const res = await browserFor(moderator).post("/mod", { intent: "ban", memberId: member.id, reasonText: "Sharing images" });
  expect(res.status).toBe(303);
  expect(await closed).toBe("io server disconnect");
  expect((await openSocket(hearth, member.cookie)).error?.message).toBe("unauthorized");
});

test("a demoted moderator's next chat:remove is refused: the role is read again for every event", async () => {
  const moderator = await chatMember(db, { role: "moderator" });
  const writer = await chatMember(db);
  const modSocket = await connected(hearth, moderator);
  const writerSocket = await connected(hearth, writer);
  await modSocket.emitWithAck("chat:join", { room: "lounge" });
  await writerSocket.emitWithAck("chat:join", { room: "lounge" });
  const first = await send(writerSocket, "lounge", "First message.");
  const second = await send(writerSocket, "lounge", "Second message.");
  if (!first.ok || !second.ok) throw new Error("sends refused");
  expect(await modSocket.emitWithAck("chat:remove", { room: "lounge", id: first.id })).toEqual({ ok: true });
  // Demoted in the database, without closing the socket: only the per-event read can notice.
  await db.update(members).set({ role: "member" }).where(eq(members.id, moderator.id));
  expect(await modSocket.emitWithAck("chat:remove", { room: "lounge", id: second.id })).toEqual({
    ok: false,
    error: translate("en", "chat.error.forbidden"),
  });
  expect(modSocket.connected).toBe(true);
});

test("a member who floods is told to slow down while another member's messages still go through", async () => {
  const flooder = await chatMember(db);
  const other = await chatMember(db);
  const flood = await connected(hearth, flooder);
  const calm = await connected(hearth, other);
  const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => send(flood, "check-in", `Message number ${i}.`)));
  const refused = answers.filter((a) => !a.ok);
  expect(answers.filter((a) => a.ok)).toHaveLength(10);
  expect(refused).toHaveLength(5);
  for (const answer of refused) expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/^You are going too fast\. Wait \d+ s/) });
  const heard = next(flood, "chat:message", (m) => m.author === other.pseudonym);
  await flood.emitWithAck("chat:join", { room: "check-in" });
  expect(await send(calm, "check-in", "I am still here.")).toMatchObject({ ok: true });
  expect((await heard).body).toBe("I am still here.");
});

test("a socket that keeps sending after 'too fast' is closed, and that session is kept out for a while; nobody else is", async () => {
  const flooder = await chatMember(db);
  const other = await chatMember(db);
  const socket = await connected(hearth, flooder);
  const calm = await connected(hearth, other);
  await calm.emitWithAck("chat:join", { room: "lounge" });
  const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  // The budget (10), then FLOOD.refusals refused, then more that the closed socket never sends.
  const answers = await Promise.all(
    Array.from({ length: 10 + FLOOD.refusals + 20 }, (_, i) =>
      socket
        .timeout(3000)
        .emitWithAck("chat:send", { room: "lounge", clientId: crypto.randomUUID(), body: `Flood ${i}.` })
        .catch(() => null),
    ),
  );
  expect(await closed).toBe("io server disconnect");
  // Every refusal was answered before the close; the ten within the budget were stored (their
  // answers may have been cut off by the close: a page would send them again, same clientId).
  expect(answers.filter((a) => a && !a.ok)).toHaveLength(FLOOD.refusals);
  expect(answers.filter((a) => a?.ok).length).toBeLessThanOrEqual(10);
  const stored = () => db.select({ id: chatMessages.id }).from(chatMessages).where(eq(chatMessages.authorId, flooder.id));
  await expect.poll(async () => (await stored()).length).toBe(10);
  // That session may not connect again for now; the same member's other session and another
  // member may.
  expect((await openSocket(hearth, flooder.cookie)).error?.message).toBe("tooFast");
  const { token: second } = await createSession(db, flooder.id);
  expect((await openSocket(hearth, `hearth_session=${second}`)).error).toBeUndefined();
  expect(await send(calm, "lounge", "Still talking.")).toMatchObject({ ok: true });
});

test("a session opening sockets in a loop is refused past the connection limit", async () => {
  const member = await chatMember(db);
  const opened = [];
  for (let i = 0; i < CONNECT_LIMIT.points; i++) opened.push(await openSocket(hearth, member.cookie));
  expect(opened.filter((o) => o.error)).toHaveLength(0);
  for (const o of opened) o.socket.disconnect();
  expect((await openSocket(hearth, member.cookie)).error?.message).toBe("tooFast");
});
