// The admin CLI runs in its own process, yet its actions reach a running server's sockets
// (through PostgreSQL NOTIFY): a role change closes that member's open sockets within a second.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, expect, test } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "#app/contracts/events.ts";
import { runAdmin, startBuiltServer } from "#tests/helpers/built-hearth.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-cli-live-"));
const env = { ...process.env, DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "" };
const sockets: Socket[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await rm(dataDir, { recursive: true, force: true });
});

test("set-role from the admin CLI closes that member's open socket within a second, and no one else's", { timeout: 120_000 }, async () => {
  const server = await startBuiltServer(env);
  expect(server.url, server.out).toBeDefined();
  const url = server.url!;
  const open = async () => {
    const client = new Browserless(url);
    const pseudonym = uniquePseudonym();
    await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
      transports: ["websocket"],
      extraHeaders: { cookie: client.cookieHeader(), origin: url },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    return { pseudonym, socket };
  };
  const promoted = await open();
  const bystander = await open();
  let closedAt = 0;
  const closed = new Promise<string>((resolve) =>
    promoted.socket.once("disconnect", (reason) => {
      closedAt = Date.now();
      resolve(reason);
    }),
  );

  const result = await runAdmin(env, ["set-role", promoted.pseudonym, "moderator"]);
  const doneAt = Date.now();
  expect(result.err).toBe("");
  expect(result.out).toContain("is now moderator.");
  const reason = await Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve("still open"), 1_000))]);
  expect(reason).toBe("io server disconnect");
  expect(closedAt - doneAt).toBeLessThan(1_000);
  expect(bystander.socket.connected).toBe(true);

  server.child.kill("SIGTERM");
  await new Promise((resolve) => server.child.once("close", resolve));
});
