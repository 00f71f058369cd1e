// Behind a loopback proxy that forwards the client's address (TRUST_PROXY=loopback, so Hearth
// does take it as req.ip): after joining, posting, searching and a failed sign-in, that address
// is in no text or jsonb column, in no Redis key or value, and the log holds neither it nor the
// passphrase, the pseudonym or the post text. 198.51.100.77 is TEST-NET-2, used only as a header.
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, expect, test } from "vitest";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { uniquePseudonym } from "#tests/helpers/members.ts";
import { startProxy } from "#tests/helpers/proxy.ts";
import { startRedis } from "#tests/helpers/redis.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const ADDRESS = "198.51.100.77";
// A private Redis for this file: every key in it was made by this test's server.
const redisServer = await startRedis();
const redis = new Redis(redisServer.url);
afterAll(() => redis.disconnect());
const keysBefore = new Set(await redis.keys("*"));
const hearth = await startTestHearth({ env: { TRUST_PROXY: "loopback", REDIS_URL: redisServer.url } });
const proxy = await startProxy(hearth.url, () => ADDRESS);

/** Every text-like column of every table (found via information_schema) that holds `needle`. */
async function columnsHolding(needle: string) {
  const db = hearth.database.db;
  const columns = await db.execute<{ table_name: string; column_name: string }>(sql`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'inet', 'cidr') or c.data_type = 'ARRAY')`);
  expect(columns.rows.length).toBeGreaterThan(10);
  const holding: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const [row] = (
      await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table_name)} where position(${needle} in ${sql.identifier(column_name)}::text) > 0`,
      )
    ).rows;
    if (row!.n > 0) holding.push(`${table_name}.${column_name}`);
  }
  return holding;
}

/** Every key this test's server created, with its value(s) as text. */
async function redisDump() {
  const out: string[] = [];
  for (const key of await redis.keys("*")) {
    if (keysBefore.has(key)) continue;
    const type = await redis.type(key);
    const value =
      type === "string"
        ? await redis.get(key)
        : type === "hash"
          ? JSON.stringify(await redis.hgetall(key))
          : type === "list"
            ? JSON.stringify(await redis.lrange(key, 0, -1))
            : type === "set"
              ? JSON.stringify(await redis.smembers(key))
              : type === "zset"
                ? JSON.stringify(await redis.zrange(key, 0, -1, "WITHSCORES"))
                : type === "stream"
                  ? JSON.stringify(await redis.xrange(key, "-", "+"))
                  : `(${type})`;
    out.push(`${key} = ${value}`);
  }
  return out;
}

test("the forwarded address, the passphrase, the pseudonym and the post text stay out of the database, Redis and the log", async () => {
  const client = new Browserless(proxy.url);
  const pseudonym = uniquePseudonym("Lantern");
  const passphrase = "harbour lights over a quiet sea";
  const postText = "Tonight I finally asked the platform to take it down";
  const joined = await client.post("/join", { pseudonym, password: passphrase, confirmPassword: passphrase });
  expect(joined.status).toBe(200);
  const form = await (await client.get("/f/support/new")).text();
  const key = form.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  const posted = await client.post("/f/support/new", { idempotencyKey: key, intent: "post", title: "Taking it down", contentWarning: "", body: postText });
  expect(posted.status).toBe(302);
  const found = await client.get(`/search?q=${encodeURIComponent("platform")}`);
  expect(pageText(await found.text())).toContain("Taking it down");
  const stranger = new Browserless(proxy.url);
  expect((await stranger.post("/login", { pseudonym, password: "not the passphrase at all" })).status).toBe(400);
  expect((await stranger.post("/login", { pseudonym: uniquePseudonym(), password: passphrase })).status).toBe(400);
  await new Promise((r) => setTimeout(r, 200)); // let the last log lines reach the sink

  // The scans can find what they look for: the post text is stored, the throttle wrote to Redis.
  expect(await columnsHolding(postText)).toContain("posts.body_source");
  const dump = await redisDump();
  expect(dump.length).toBeGreaterThan(2);
  expect(await columnsHolding(ADDRESS)).toEqual([]);
  expect(dump.filter((line) => line.includes(ADDRESS))).toEqual([]);

  const logs = hearth.logs.join("");
  expect(logs).toContain('"path":"/login"');
  expect(logs).toContain('"path":"/search"');
  for (const secret of [ADDRESS, passphrase, pseudonym, postText, "platform"]) expect(logs, secret).not.toContain(secret);
});
