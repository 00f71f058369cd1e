// What the chat tests share: a real Hearth on port 0, members made through the real sign-up
// service (each with a session token, as a browser's cookie holds it), and real socket.io
// clients opened with that cookie and Hearth's Origin.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "#app/contracts/events.ts";
import type { Db } from "#db/client.ts";
import { members, settings } from "#db/schema.ts";
import { sessionCookieName } from "#server/auth/session-cookie.ts";
import type { Actor } from "#server/authz/policy.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { startTestHearth, type TestHearth } from "#tests/helpers/server.ts";

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ChatMember {
  id: string;
  pseudonym: string;
  token: string;
  cookie: string;
  actor: Actor;
}

const opened: ChatSocket[] = [];
afterAll(() => {
  for (const socket of opened) socket.disconnect();
});

export async function chatHearth(opts: { probation?: boolean } = {}) {
  const database = await createTestDatabase({ probation: opts.probation });
  const hearth = await startTestHearth({ database });
  return { hearth, db: database.db, database };
}

/** A member signed up through the real service. `standing` is written as moderation would. */
export async function chatMember(db: Db, standing: Partial<typeof members.$inferInsert> = {}): Promise<ChatMember> {
  // A random name can, rarely, look like one taken (its confusable skeleton): pick another.
  const m = await makeMember(db).catch(() => makeMember(db));
  if (Object.keys(standing).length) await db.update(members).set(standing).where(eq(members.id, m.memberId));
  const [row] = await db.select().from(members).where(eq(members.id, m.memberId));
  return {
    id: m.memberId,
    pseudonym: m.pseudonym,
    token: m.token,
    cookie: `${sessionCookieName(false)}=${m.token}`,
    actor: {
      id: row!.id,
      role: row!.role,
      status: row!.status,
      suspendedUntil: row!.suspendedUntil,
      postingPaused: row!.postingPausedAt !== null,
      moderatedForums: null,
    },
  };
}

/** A socket for `cookie` (or none), resolved once connected or refused. */
export function openSocket(
  hearth: Pick<TestHearth, "url">,
  cookie: string | null,
  opts: { origin?: string; reconnection?: boolean } = {},
): Promise<{ socket: ChatSocket; error?: Error }> {
  const socket: ChatSocket = connect(hearth.url, {
    transports: ["websocket"],
    extraHeaders: { ...(cookie ? { cookie } : {}), origin: opts.origin ?? hearth.url },
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    timeout: 5000,
    forceNew: true,
  });
  opened.push(socket);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ socket }));
    socket.once("connect_error", (error) => resolve({ socket, error }));
  });
}

export async function connected(hearth: Pick<TestHearth, "url">, member: ChatMember, opts: { reconnection?: boolean } = {}) {
  const { socket, error } = await openSocket(hearth, member.cookie, opts);
  if (error) throw error;
  return socket;
}

/** Sends and returns the acknowledgement. */
export function send(socket: ChatSocket, room: string, body: string, clientId = randomUUID()) {
  return socket.timeout(10_000).emitWithAck("chat:send", { room, clientId, body });
}

/** The next `event` on `socket` matching `where`, or an error after `ms`. */
export function next<E extends keyof ServerToClientEvents>(
  socket: ChatSocket,
  event: E,
  where: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  ms = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!where(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args[0]);
    };
    socket.on(event, listener as never);
  });
}

/** Collects every `event` on `socket` from now on. */
export function collect<E extends keyof ServerToClientEvents>(socket: ChatSocket, event: E) {
  const seen: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  socket.on(event, ((arg: Parameters<ServerToClientEvents[E]>[0]) => seen.push(arg)) as never);
  return seen;
}

export async function setSetting(db: Db, key: string, value: unknown) {
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
