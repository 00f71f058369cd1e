// Chat across two Hearth nodes (decision 016): two built processes (`node build/hearth.js`) on
// different ports, sharing one PostgreSQL and one Redis (a redis-server of this file's own, on a
// free port, which the last test stops and starts again). Members on each node exchange messages;
// a removal and a ban made on one node reach sockets on the other; the send limit is counted
// across both, and so is a flooding session's exclusion. With Redis gone, sockets hear that chat is reconnecting while posts and sends go
// on; once it is back they hear it, resynchronise and hold every acknowledged message, and
// neither node was restarted.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { ChatMessage } from "#app/contracts/chat.ts";
import { translate } from "#app/i18n/catalog.ts";
import { chatMessages } from "#db/schema.ts";
import { EVENT_LIMITS, FLOOD } from "#server/realtime/event-limits.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { startNode } from "#tests/helpers/hearth-nodes.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { startRedis } from "#tests/helpers/redis.ts";
import { startThread } from "#tests/helpers/forums.ts";
import { chatMember, connected, next, openSocket, send, type ChatMember, type ChatSocket } from "./chat-helpers.ts";

const ROOM = "lounge";
const redis = await startRedis();
const database = await createTestDatabase();
const db = database.db;
const [a, b] = await Promise.all([startNode(database, { redisUrl: redis.url }), startNode(database, { redisUrl: redis.url })]);

/** A member with a socket on `node`, in the lounge. */
async function inLounge(node: { url: string }, standing: Parameters<typeof chatMember>[1] = {}, member?: ChatMember) {
  const who = member ?? (await chatMember(db, standing));
  const socket = await connected(node, who);
  const joined = await socket.timeout(5000).emitWithAck("chat:join", { room: ROOM });
  if (!joined.ok) throw new Error(joined.error);
  return { ...who, socket };
}

async function until(done: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const acked = async (ack: Awaited<ReturnType<typeof send>>) => {
  if (!ack.ok) throw new Error(ack.error);
  return ack.id;
};

test("the two nodes are separate processes on different ports", () => {
  expect(a.child.pid).not.toBe(b.child.pid);
  expect(new URL(a.url).port).not.toBe(new URL(b.url).port);
});

test("members on two nodes exchange messages both ways", async () => {
  const [onA, onB] = [await inLounge(a), await inLounge(b)];
  const toB = next(onB.socket, "chat:message", (m) => m.body === "hello from node A");
  const idA = await acked(await send(onA.socket, ROOM, "hello from node A"));
  expect(await toB).toMatchObject({ id: idA, author: onA.pseudonym, room: ROOM });
  const toA = next(onA.socket, "chat:message", (m) => m.body === "and back from node B");
  const idB = await acked(await send(onB.socket, ROOM, "and back from node B"));
  expect(await toA).toMatchObject({ id: idB, author: onB.pseudonym });
  expect(idB > idA).toBe(true);
});

test("a moderator's removal on node A reaches a socket on node B", async () => {
  const writer = await inLounge(b);
  const reader = await inLounge(b);
  const moderator = await inLounge(a, { role: "moderator" });
  const id = await acked(await send(writer.socket, ROOM, "a message to take down"));
  const removed = next(reader.socket, "chat:removed", (r) => r.id === id);
  expect(await moderator.socket.emitWithAck("chat:remove", { room: ROOM, id, reason: "Harassment" })).toEqual({ ok: true });
  expect(await removed).toEqual({ room: ROOM, id });
});

test("a ban on node A closes the banned member's socket on node B within a second", async () => {
  const target = await inLounge(b);
  const bystander = await inLounge(b);
  const admin = await chatMember(db, { role: "admin" });
  const onA = new Browserless(a.url);
  onA.cookies.set(admin.cookie.split("=")[0]!, admin.token);
  const closed = new Promise<{ reason: string; at: number }>((resolve) => target.socket.once("disconnect", (reason) => resolve({ reason, at: Date.now() })));
  const banned = await onA.post(`/mod/members/${target.id}`, { intent: "ban", memberId: target.id });
  const doneAt = Date.now();
  expect(banned.status).toBe(303);
  const gone = await Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000))]);
  expect(gone?.reason).toBe("io server disconnect");
  expect(gone!.at - doneAt).toBeLessThan(1000);
  expect(bystander.socket.connected).toBe(true);
  // Its session is gone: it cannot come back on either node.
  const again = await connected(a, target).catch((err: Error) => err);
  expect(again).toBeInstanceOf(Error);
});

test("the send limit counts across both nodes: a member alternating nodes is refused at the shared budget", async () => {
  const member = await chatMember(db);
  const sockets = [await inLounge(a, {}, member), await inLounge(b, {}, member)];
  const budget = EVENT_LIMITS["chat:send"].points;
  const answers: string[] = [];
  for (let i = 0; i <= budget; i++) {
    const ack = await send(sockets[i % 2]!.socket, ROOM, `counting ${i}`);
    answers.push(ack.ok ? "ok" : ack.error);
  }
  // Counted per node, each node would have let its half through.
  expect(answers.slice(0, budget)).toEqual(Array(budget).fill("ok"));
  const [before, after] = translate("en", "chat.error.tooFast", { seconds: 7 }).split("7");
  expect(answers[budget]!.startsWith(before!) && answers[budget]!.endsWith(after!)).toBe(true);
});

test("a session closed for flooding on node A may not connect to node B either", async () => {
  const member = await chatMember(db);
  const flooding = await inLounge(a, {}, member);
  const closed = new Promise<string>((resolve) => flooding.socket.once("disconnect", resolve));
  const sends = Array.from({ length: EVENT_LIMITS["chat:send"].points + FLOOD.refusals }, (_, i) =>
    flooding.socket
      .timeout(3000)
      .emitWithAck("chat:send", { room: ROOM, clientId: randomUUID(), body: `flood ${i}` })
      .catch(() => null),
  );
  expect(await closed).toBe("io server disconnect");
  await Promise.all(sends);
  expect((await openSocket(b, member.cookie)).error?.message).toBe("tooFast");
});

/** The client docs/chat.md describes: everything merged by id, and on {ok: true} a sync from the
 *  last id a sync answered. Not from the newest id pushed: while Redis is away each node's
 *  sockets hear only that node's messages, so what they were pushed then has gaps. */
class Reader {
  readonly messages = new Map<string, ChatMessage>();
  private syncedUpTo: string | null = null;
  constructor(readonly socket: ChatSocket) {
    socket.on("chat:message", (m) => m.room === ROOM && this.messages.set(m.id, m));
  }
  async sync() {
    for (;;) {
      const page = await this.socket.timeout(5000).emitWithAck("chat:sync", { room: ROOM, afterId: this.syncedUpTo });
      if (!page.ok) throw new Error(page.error);
      if (page.messages.length === 0) return;
      for (const m of page.messages) this.messages.set(m.id, m);
      this.syncedUpTo = page.messages.at(-1)!.id;
    }
  }
}

test("with Redis gone, chat says it is reconnecting, posts and sends go on, and once it is back every reader catches up", { timeout: 60_000 }, async () => {
  const pids = [a.child.pid, b.child.pid];
  const onA = [await inLounge(a), await inLounge(a)];
  const onB = [await inLounge(b), await inLounge(b)];
  const readers = [...onA, ...onB].map((m) => new Reader(m.socket));
  for (const r of readers) await r.sync();
  const everyone = [...onA, ...onB];
  const banned = await inLounge(b);
  const admin = await chatMember(db, { role: "admin" });

  const down = everyone.map((m) => next(m.socket, "realtime:status", (s) => s.ok === false, 10_000));
  await redis.stop();
  expect(await Promise.all(down)).toEqual(everyone.map(() => ({ ok: false })));

  // Pages and posts: a reply through the form, on node A.
  const author = await chatMember(db);
  const thread = await startThread(db, author.actor, { title: "Posting while Redis is away" });
  const page = new Browserless(a.url);
  page.cookies.set(author.cookie.split("=")[0]!, author.token);
  const replied = await page.post(`/t/${thread.threadId}`, { idempotencyKey: randomUUID(), intent: "post", body: "A reply while Redis is away." });
  expect([replied.status, replied.headers.get("location")]).toEqual([302, expect.stringContaining("notice=post.replied")]);

  // Sends: acknowledged, stored, and still seen by the sockets of the sender's own node.
  const localA = next(onA[1]!.socket, "chat:message", (m) => m.body === "sent on A while Redis is away");
  const sentWhileAway = [
    await acked(await send(onA[0]!.socket, ROOM, "sent on A while Redis is away")),
    await acked(await send(onB[0]!.socket, ROOM, "sent on B while Redis is away")),
    await acked(await send(onB[1]!.socket, ROOM, "sent again on B while Redis is away")),
  ];
  expect((await localA).id).toBe(sentWhileAway[0]);
  const stored = await db
    .select({ seq: chatMessages.seq })
    .from(chatMessages)
    .where(
      sql`${chatMessages.seq} in (${sql.join(sentWhileAway.map(Number), sql`, `)}) and ${chatMessages.roomId} = (select id from chat_rooms where slug = ${ROOM})`,
    );
  expect(stored).toHaveLength(3);

  // A ban on node A cannot reach node B now: B closes that socket once Redis is back.
  const moderating = new Browserless(a.url);
  moderating.cookies.set(admin.cookie.split("=")[0]!, admin.token);
  expect((await moderating.post(`/mod/members/${banned.id}`, { intent: "ban", memberId: banned.id })).status).toBe(303);
  const ended = next(banned.socket, "session:ended", () => true, 20_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(banned.socket.connected).toBe(true);

  const up = everyone.map((m) => next(m.socket, "realtime:status", (s) => s.ok === true, 20_000));
  await redis.start();
  expect(await Promise.all(up)).toEqual(everyone.map(() => ({ ok: true })));
  await ended;
  await until(() => !banned.socket.connected);
  for (const r of readers) await r.sync();
  const all = (await db.select({ seq: chatMessages.seq }).from(chatMessages).where(eq(chatMessages.status, "visible"))).map((r) => r.seq);
  for (const r of readers) {
    for (const id of sentWhileAway) expect(r.messages.has(id)).toBe(true);
    // What this reader holds, it holds once: every visible message since it first synced.
    expect([...r.messages.keys()].every((id) => all.includes(Number(id)))).toBe(true);
  }

  // After the outage, across nodes again, with the same two processes.
  const crossing = next(onA[0]!.socket, "chat:message", (m) => m.body === "after Redis came back");
  await acked(await send(onB[0]!.socket, ROOM, "after Redis came back"));
  await crossing;
  expect([a.child.pid, b.child.pid]).toEqual(pids);
  expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
});
