// Issue 12, "Proof": after a full journey behind a proxy that forwards a client address, no
// column of any table holds that address, and the server's whole output holds no IP address,
// session token, passphrase, pseudonym or member text. The server is the built one (node
// build/hearth.js, LOG_LEVEL=info, TRUST_PROXY=loopback, so Hearth does take the forwarded
// address as the client's), its stdout and stderr read in full; the journey runs once from an
// IPv4 address and once from an IPv6 one (TEST-NET-3 203.0.113.77 and the documentation prefix
// 2001:db8::77, used only as headers): join, a thread, a reply, a chat message over socket.io
// (long-polling, so it goes through the proxy), a report, a moderator's removal, an evidence
// entry, sign out and sign in again.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { expect, onTestFinished, test } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "#app/contracts/events.ts";
import { members, posts } from "#db/schema.ts";
import { startBuiltServer } from "#tests/helpers/built-hearth.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { databaseUrl } from "#tests/helpers/hearth-nodes.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { uniquePseudonym } from "#tests/helpers/members.ts";
import { startProxy } from "#tests/helpers/proxy.ts";

const IPV4 = "203.0.113.77";
const IPV6 = "2001:db8::77";
/** Every common way of writing each address: as typed, mapped, expanded, zero-padded, in hex. */
const FORMS: Record<string, string[]> = {
  [IPV4]: [IPV4, "203.0.113.", "::ffff:203.0.113.77", "::ffff:cb00:714d", "cb00714d", "3405803853"],
  [IPV6]: [IPV6, "2001:db8:", "2001:0db8:", "2001:db8:0:0:0:0:0:77", "2001:0db8:0000:0000:0000:0000:0000:0077", "20010db8000000000000000000000077"],
};
/** Any IPv4 address, and any IPv6 one: eight groups, or a "::" between hex groups (a clock's
 *  21:31:08 is neither). */
const ANY_IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const ANY_IPV6 = /\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){7}\b|(?:[0-9a-f]{1,4}:)*[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}\b)?/gi;

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const database = await createTestDatabase();
const db = database.db;
const run = await startBuiltServer({
  ...process.env,
  DATABASE_URL: databaseUrl(database),
  REDIS_URL: "",
  DATA_DIR: undefined,
  PORT: "0",
  LOG_LEVEL: "info",
  TRUST_PROXY: "loopback",
  PUBLIC_ORIGIN: undefined,
});
if (!run.url) throw new Error(`Hearth did not start (${run.code}): ${run.out}`);
const child = run.child;
let output = run.out;
child.stdout?.on("data", (d: Buffer) => (output += d));
child.stderr?.on("data", (d: Buffer) => (output += d));
let current = IPV4;
const proxy = await startProxy(run.url, () => current);

/** The form's idempotency key, as the page hands it out. */
async function keyOf(client: Browserless, path: string) {
  const html = await (await client.get(path)).text();
  const key = html.match(/name="idempotencyKey" value="([^"]+)"/)?.[1];
  if (!key) throw new Error(`no idempotency key on ${path}`);
  return key;
}

/** A socket.io connection through the proxy, with long-polling (plain HTTP requests). */
function socketThroughProxy(client: Browserless): Promise<ChatSocket> {
  const socket: ChatSocket = connect(proxy.url, {
    transports: ["polling"],
    extraHeaders: { cookie: client.cookieHeader(), origin: proxy.url },
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  onTestFinished(() => {
    socket.disconnect();
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

interface Secrets {
  words: string[];
  tokens: string[];
}

/** One person's whole journey, and a moderator's action on it, from the address `current`. */
async function journey(tag: string): Promise<Secrets> {
  const passphrase = `amber lanterns ${tag} over quiet water`;
  const pseudonym = uniquePseudonym(`Hazel${tag}`);
  const member = new Browserless(proxy.url);
  expect((await member.post("/join", { pseudonym, password: passphrase, confirmPassword: passphrase })).status).toBe(200);
  const tokens = [...member.cookies.values()];

  const title = `Asking for help ${tag} ${randomUUID().slice(0, 6)}`;
  const body = `The first post ${tag} says the pictures came back on another site`;
  const posted = await member.post("/f/support/new", {
    idempotencyKey: await keyOf(member, "/f/support/new"),
    intent: "post",
    title,
    contentWarning: "",
    body,
  });
  expect(posted.status).toBe(302);
  const threadPath = new URL(posted.headers.get("location")!, proxy.url).pathname;
  const replyText = `A reply ${tag} from the same member with more detail`;
  const replied = await member.post(threadPath, { idempotencyKey: await keyOf(member, threadPath), intent: "post", body: replyText, contentWarning: "" });
  expect(replied.status).toBe(302);
  const [reply] = await db.select({ id: posts.id }).from(posts).where(eq(posts.bodySource, replyText));
  expect(reply).toBeDefined();

  const chatText = `Chat message ${tag} in the lounge tonight`;
  const socket = await socketThroughProxy(member);
  expect(await socket.timeout(20_000).emitWithAck("chat:join", { room: "lounge" })).toMatchObject({ ok: true });
  expect(await socket.timeout(20_000).emitWithAck("chat:send", { room: "lounge", clientId: randomUUID(), body: chatText })).toMatchObject({ ok: true });
  socket.disconnect();

  // Another member reports the reply; a moderator removes it.
  const reporterName = uniquePseudonym(`Rowan${tag}`);
  const reporter = new Browserless(proxy.url);
  expect((await reporter.post("/join", { pseudonym: reporterName, password: passphrase, confirmPassword: passphrase })).status).toBe(200);
  tokens.push(...reporter.cookies.values());
  const reportNote = `Report note ${tag} this reply names me`;
  expect((await reporter.post(`/p/${reply!.id}/report`, { reason: "harassment", note: reportNote })).status).toBeLessThan(400);
  // And reports the member too: that page's path holds the member's name.
  expect((await reporter.get(`/members/${encodeURIComponent(pseudonym)}/report`)).status).toBe(200);
  expect((await reporter.post(`/members/${encodeURIComponent(pseudonym)}/report`, { reason: "harassment", note: reportNote })).status).toBeLessThan(400);

  const moderatorName = uniquePseudonym(`Sorrel${tag}`);
  const moderator = new Browserless(proxy.url);
  expect((await moderator.post("/join", { pseudonym: moderatorName, password: passphrase, confirmPassword: passphrase })).status).toBe(200);
  await db.update(members).set({ role: "moderator" }).where(eq(members.pseudonym, moderatorName));
  tokens.push(...moderator.cookies.values());
  const queue = await moderator.get("/mod");
  expect(queue.status).toBe(200);
  expect(await queue.text()).toContain(reportNote);
  const reason = `Removal reason ${tag} for the moderator log`;
  expect((await moderator.post("/mod", { intent: "remove", postId: reply!.id, reasonText: reason })).status).toBeLessThan(400);

  const description = `Evidence description ${tag} two photos with my first name`;
  const place = `Evidence place ${tag} a channel`;
  const entry = await member.post("/settings/evidence/new", {
    platform: "telegram",
    place,
    links: "https://t.me/example/1",
    description,
    status: "reported",
    timeZone: "UTC",
  });
  expect(entry.headers.get("location")).toMatch(/#entry-/);

  // Sign out, and in again.
  expect((await member.post("/logout", {})).status).toBeLessThan(400);
  expect(member.cookies.size).toBe(0);
  expect((await member.post("/login", { pseudonym, password: passphrase })).status).toBe(302);
  tokens.push(...member.cookies.values());
  expect((await member.get("/settings")).status).toBe(200);
  await member.post("/logout", {});

  return { words: [passphrase, pseudonym, reporterName, moderatorName, title, body, replyText, chatText, reportNote, reason, description, place], tokens };
}

/** Every text-like column of every table (found via information_schema) that holds `needle`. */
async function columnsHolding(needle: string) {
  const columns = await db.execute<{ table_name: string; column_name: string; data_type: string }>(sql`
    select c.table_name, c.column_name, c.data_type from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'inet', 'cidr', 'bytea') or c.data_type = 'ARRAY')`);
  expect(columns.rows.length).toBeGreaterThan(10);
  const holding: string[] = [];
  for (const { table_name, column_name, data_type } of columns.rows) {
    const column = sql.identifier(column_name);
    // bytea: the address as text bytes inside, not its hex rendering (which random bytes could match).
    const where =
      data_type === "bytea" ? sql`position(convert_to(${needle}, 'UTF8') in ${column}) > 0` : sql`position(lower(${needle}) in lower(${column}::text)) > 0`;
    const [row] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${where}`)).rows;
    if (row!.n > 0) holding.push(`${table_name}.${column_name}`);
  }
  return holding;
}

test("behind a proxy, a full journey leaves no client address in the database and nothing personal in the server's output", { timeout: 240_000 }, async () => {
  const secrets: Secrets[] = [];
  for (const [address, tag] of [
    [IPV4, "four"],
    [IPV6, "six"],
  ] as const) {
    current = address;
    secrets.push(await journey(tag));
  }
  // The server logs a request when it has answered; give the last lines time to be written.
  await new Promise((resolve) => setTimeout(resolve, 500));

  // The scan can find what it looks for: the member's words are stored.
  expect(await columnsHolding(secrets[0]!.words[5]!)).toContain("posts.body_source");
  for (const address of [IPV4, IPV6]) for (const form of FORMS[address]!) expect(await columnsHolding(form), form).toEqual([]);

  // The output is the log the operator reads: it did log the requests...
  expect(output).toContain('"path":"/login"');
  expect(output).toContain('"path":"/mod"');
  // ...and holds no address at all (not only the forwarded ones), no token and no member's words.
  const addresses = [...(output.match(ANY_IPV4) ?? []), ...(output.match(ANY_IPV6) ?? [])];
  const listening = new URL(run.url!).hostname;
  expect(addresses.filter((a) => a !== listening)).toEqual([]);
  for (const form of [...FORMS[IPV4]!, ...FORMS[IPV6]!]) expect(output, form).not.toContain(form);
  for (const { words, tokens } of secrets) {
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    for (const secret of [...words, ...tokens]) expect(output, secret).not.toContain(secret);
  }
});
