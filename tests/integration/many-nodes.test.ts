// Two Hearth nodes on one PostgreSQL and one Redis, as behind a load balancer: sessions work on
// either node, throttling is shared, ending a session closes its sockets on the other node, and
// with Redis gone the limits fail closed while pages keep answering.
import { io as connect } from "socket.io-client";
import { expect, onTestFinished, test } from "vitest";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startRedis } from "#tests/helpers/redis.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const redis = await startRedis();
const database = await createTestDatabase();
const env = { REDIS_URL: redis.url, TRUST_PROXY: "loopback" };
const a = await startTestHearth({ database, env });
const b = await startTestHearth({ database, env });

test("a session made on one node is valid on the other", async () => {
  const onA = new Browserless(a.url);
  const pseudonym = uniquePseudonym();
  await onA.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  const onB = new Browserless(b.url);
  onB.cookies.set("hearth_session", onA.cookies.get("hearth_session")!);
  expect(await (await onB.get("/")).text()).toContain(`Signed in as ${pseudonym}`);
});

test("failed sign-ins count across nodes (shared limits, shared daily client key)", async () => {
  const pseudonym = uniquePseudonym();
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const node = i % 2 === 0 ? a : b;
    statuses.push((await new Browserless(node.url, { "x-forwarded-for": "203.0.113.50" }).post("/login", { pseudonym, password: `guess ${i} here` })).status);
  }
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
});

test("signing out on node A closes the member's socket held by node B", async () => {
  const client = new Browserless(a.url);
  await client.post("/join", { pseudonym: uniquePseudonym(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  const socket = connect(b.url, { transports: ["websocket"], extraHeaders: { cookie: client.cookieHeader(), origin: b.url }, reconnection: false });
  onTestFinished(() => void socket.disconnect());
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const closed = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
  await client.post("/logout", {});
  await closed;
  expect(socket.connected).toBe(false);
});

test("with Redis down, sign-in fails closed with a plain message while pages and health answer", async () => {
  const member = new Browserless(a.url);
  const pseudonym = uniquePseudonym();
  await member.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  await redis.stop();
  const attempt = await new Browserless(a.url, { "x-forwarded-for": "203.0.113.60" }).post("/login", { pseudonym, password: GOOD_PASSPHRASE });
  expect(attempt.status).toBe(429);
  expect(attempt.headers.getSetCookie()).toEqual([]);
  expect((await member.get("/")).status).toBe(200);
  expect((await member.get("/healthz")).status).toBe(200);
  await redis.start();
});
