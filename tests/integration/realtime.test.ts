// socket.io on the real server: the handshake needs our Origin and a live session, and ending a
// session (sign-out, passphrase change, revocation) closes its sockets at once.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, expect, test } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "#app/contracts/events.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.disconnect();
});

async function member() {
  const client = new Browserless(hearth.url);
  const pseudonym = uniquePseudonym();
  await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  return { client, pseudonym };
}

function open(headers: Record<string, string>): Promise<{ socket: Socket<ServerToClientEvents, ClientToServerEvents>; error?: Error }> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(hearth.url, {
    transports: ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    timeout: 5000,
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ socket }));
    socket.once("connect_error", (error) => resolve({ socket, error }));
  });
}

test("a member's socket connects with their session and knows who they are", async () => {
  const { client, pseudonym } = await member();
  const { socket, error } = await open({ cookie: client.cookieHeader(), origin: hearth.url });
  expect(error).toBeUndefined();
  const answer = await socket.emitWithAck("session:check");
  expect(answer).toEqual({ ok: true, data: { pseudonym } });
});

test("a page on another site cannot open a socket with a member's cookie", async () => {
  const { client } = await member();
  const { error } = await open({ cookie: client.cookieHeader(), origin: "https://evil.example" });
  expect(error).toBeDefined();
});

test("no session, no socket", async () => {
  const { error } = await open({ origin: hearth.url });
  expect(error?.message).toBe("unauthorized");
});

test("signing out elsewhere closes this session's sockets at once", async () => {
  const { client } = await member();
  const { socket } = await open({ cookie: client.cookieHeader(), origin: hearth.url });
  const closed = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
  const told = new Promise<void>((resolve) => socket.once("session:ended", () => resolve()));
  await client.post("/logout", {});
  await told;
  expect(await closed).toBe("io server disconnect");
});

test("ending other sessions from settings closes their sockets but not this one", async () => {
  const { client, pseudonym } = await member();
  const other = new Browserless(hearth.url);
  await other.post("/login", { pseudonym, password: GOOD_PASSPHRASE });
  const mine = await open({ cookie: client.cookieHeader(), origin: hearth.url });
  const theirs = await open({ cookie: other.cookieHeader(), origin: hearth.url });
  const theirsClosed = new Promise<void>((resolve) => theirs.socket.once("disconnect", () => resolve()));
  await client.post("/settings", { intent: "end-others" });
  await theirsClosed;
  expect(mine.socket.connected).toBe(true);
  expect((await mine.socket.emitWithAck("session:check")).ok).toBe(true);
});
