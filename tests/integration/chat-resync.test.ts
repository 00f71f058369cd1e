// Nothing acknowledged is lost on a reconnect (architecture.md, promise 4). Ten readers are torn
// off 100 times in all — half by the server (every socket of the member closed through the Live
// port), half by the client's engine closing under it — while ten members keep sending. Each
// reader is the client docs/chat.md describes: merge everything by id; on every (re)connect,
// chat:join again, then chat:sync from the last id a join or sync answered, page by page. In
// the end every reader holds every stored message exactly once, in stored order.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { chatMessages, chatRooms } from "#db/schema.ts";
import type { ChatMessage } from "#app/contracts/chat.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { chatHearth, chatMember, connected, send, type ChatMember, type ChatSocket } from "./chat-helpers.ts";

const ROOM = "lounge";
const { hearth, db, database } = await chatHearth();
const live = createNotifyLive(database.pool);

class Reader {
  readonly messages = new Map<string, ChatMessage>();
  syncedUpTo: string | null = null;
  reconnects = 0;
  /** Messages learned from a join or sync answer after a reconnect: missed while away. */
  caughtUp = 0;
  /** The same id pushed twice to this client: must stay 0. */
  pushedTwice = 0;
  private pushed = new Set<string>();
  ready: Promise<void>;

  constructor(
    readonly member: ChatMember,
    readonly socket: ChatSocket,
  ) {
    socket.on("chat:message", (m) => {
      if (m.room !== ROOM) return;
      if (this.pushed.has(m.id)) this.pushedTwice++;
      this.pushed.add(m.id);
      this.add(m, false);
    });
    socket.on("disconnect", (reason) => {
      // The server closed it: socket.io leaves reconnecting to the client.
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect", () => {
      this.reconnects++;
      this.ready = this.resync();
    });
    this.ready = this.resync();
  }

  private add(m: ChatMessage, answered: boolean) {
    const had = this.messages.get(m.id);
    if (had) {
      expect(had).toEqual(m);
      return;
    }
    this.messages.set(m.id, m);
    if (answered && this.reconnects > 0) this.caughtUp++;
  }

  private async resync() {
    const joined = await this.socket.timeout(10_000).emitWithAck("chat:join", { room: ROOM });
    if (!joined.ok) throw new Error(joined.error);
    for (const m of joined.messages) this.add(m, true);
    if (this.reconnects === 0) {
      this.syncedUpTo = joined.messages.at(-1)?.id ?? null;
      return;
    }
    for (;;) {
      const page = await this.socket.timeout(10_000).emitWithAck("chat:sync", { room: ROOM, afterId: this.syncedUpTo });
      if (!page.ok) throw new Error(page.error);
      if (page.messages.length === 0) return;
      for (const m of page.messages) this.add(m, true);
      this.syncedUpTo = page.messages.at(-1)!.id;
    }
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("100 forced reconnects while ten members send: every reader ends with every message once, in order", { timeout: 120_000 }, async () => {
  const readers = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const member = await chatMember(db);
      return new Reader(member, await connected(hearth, member, { reconnection: true }));
    }),
  );
  await Promise.all(readers.map((r) => r.ready));
  const senders = await Promise.all(Array.from({ length: 10 }, async () => connected(hearth, await chatMember(db))));

  let sending = true;
  const sent = Promise.all(
    senders.map(async (socket, i) => {
      for (let j = 0; j < 10; j++) {
        const answer = await send(socket, ROOM, `Sender ${i}, message ${j}`);
        expect(answer.ok).toBe(true);
        await pause(60 + ((i * 7 + j * 13) % 50));
      }
    }),
  ).finally(() => {
    sending = false;
  });

  let forced = 0;
  const churn = Promise.all(
    readers.map(async (reader, i) => {
      for (let k = 0; k < 10; k++) {
        await pause(20 + ((i * 11 + k * 17) % 60));
        const back = new Promise<void>((resolve) => reader.socket.once("connect", () => resolve()));
        if ((i + k) % 2 === 0) await live.closeMemberSockets(reader.member.id);
        else reader.socket.io.engine.close();
        forced++;
        await back;
        await reader.ready;
      }
    }),
  );
  await Promise.all([sent, churn]);
  expect(sending).toBe(false);
  expect(forced).toBe(100);

  const [room] = await db.select().from(chatRooms).where(eq(chatRooms.slug, ROOM));
  const stored = await db.select().from(chatMessages).where(eq(chatMessages.roomId, room!.id)).orderBy(chatMessages.seq);
  expect(stored).toHaveLength(100);
  const storedIds = stored.map((r) => String(r.seq).padStart(12, "0"));
  for (const reader of readers) {
    await Promise.race([reader.ready, pause(10_000)]);
    await expect.poll(() => reader.messages.size, { timeout: 10_000 }).toBe(100);
    const ids = [...reader.messages.keys()].sort();
    expect(ids).toEqual(storedIds);
    expect(ids.map((id) => reader.messages.get(id)!.body)).toEqual(stored.map((r) => r.body));
    expect(reader.pushedTwice).toBe(0);
    expect(reader.reconnects).toBe(10);
  }
  // The readers really were away while messages were sent: some came only from resync answers.
  expect(readers.reduce((n, r) => n + r.caughtUp, 0)).toBeGreaterThan(0);
});
