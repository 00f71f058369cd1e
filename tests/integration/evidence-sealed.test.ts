// Issue 11, "sealed": with entries in the log, EVERY column of EVERY table in the database — found
// from information_schema, not from a list that could go stale — is read and searched for what
// the member wrote (in English and Chinese), for the platforms' names and the entry's field names
// (a JSON document stored in clear would carry them), and for the keys: the member's data key,
// every wrapping key, the session token, the recovery codes and the passphrase. None may appear,
// in text, in bytea read as UTF-8, Latin-1 or hex, or in a base64 or hex string.
import { eq } from "drizzle-orm";
import type { Pool } from "pg";
import { expect, test } from "vitest";
import { evidenceEntries, evidenceKeys, settings } from "#db/schema.ts";
import { keyFromSession } from "#server/evidence/keys.ts";
import { passphraseKey, recoveryCodeKey, sessionKey } from "#server/evidence/seal.ts";
import { normalizeCode } from "#server/auth/recovery-codes.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { entryForm, evidenceWorld } from "./evidence-helpers.ts";

const database = await createTestDatabase();
const { db, services, member, signIn, keyRows } = evidenceWorld(database);

const ENGLISH = {
  platform: "xiaohongshu",
  platformDetail: "SilverfishMessenger",
  place: "Crimson Lantern Exchange",
  links: "https://t.me/crimsonlantern/90210\nhttps://quokka-leaks.example/album/5521",
  description: "Blurred photo taken at the Kingfisher Lake cabin",
  postedBy: "MarmaladeHawk77",
  report0Name: "Wellington Harbour Constabulary",
  report0Case: "CASE-QUOKKA-4471",
  status: "appeared_again",
};
const CHINESE = {
  platform: "douyin",
  platformDetail: "银鱼聊天软件",
  place: "红灯笼交流群",
  links: "https://weibo.com/u/红灯笼群主\nhttps://www.douyin.com/video/7788123",
  description: "在翠湖小屋拍的模糊照片，配文有我的小名",
  postedBy: "橘子鹰七七",
  report0Name: "西湖区公安分局",
  report0Case: "杭公网案字第八八号",
  status: "not_reported",
};
/** What the member wrote: unique to this test, so any appearance at all is a leak. */
const WRITTEN = [ENGLISH, CHINESE].flatMap(({ platform: _p, status: _s, links, ...texts }) => [...Object.values(texts), ...links.split("\n")]);
// Also pieces of them, in case a column holds a truncated or reworded copy.
const PIECES = ["Crimson Lantern", "Kingfisher Lake", "crimsonlantern", "quokka-leaks", "MarmaladeHawk", "红灯笼", "翠湖小屋", "橘子鹰"];
/** Names the sealed JSON document carries: the platforms' and statuses' values and the field names. */
const NAMES = ["xiaohongshu", "douyin", "小红书", "抖音", "appeared_again", "not_reported", "platformDetail", "postedBy", "caseNumber", "followUp"];

type Found = { where: string; needle: string };

/** Every (schema, table, column) of every base table outside PostgreSQL's own catalogs. */
async function allColumns(pool: Pool) {
  const { rows } = await pool.query<{ schema: string; table: string; column: string; type: string }>(`
    select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg_toast%'
    order by 1, 2, c.ordinal_position`);
  return rows;
}

/** Each value of a column as every text it could be read as. */
function readings(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Buffer.isBuffer(value)) return [value.toString("utf8"), value.toString("latin1"), value.toString("hex"), value.toString("utf16le")];
  const text = String(value);
  const out = [text];
  // A string that could be base64 or hex: read what it decodes to as well.
  for (const run of text.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) {
    const decoded = Buffer.from(run.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    out.push(decoded.toString("utf8"), decoded.toString("latin1"));
  }
  for (const run of text.match(/(?:[0-9a-fA-F]{2}){8,}/g) ?? []) out.push(Buffer.from(run, "hex").toString("utf8"));
  return out;
}

/** Every place in the database where any needle (or its UTF-8 hex) appears, case-insensitively. */
async function scan(needles: string[], pool: Pool = database.pool): Promise<{ found: Found[]; columns: number; values: number }> {
  const columns = await allColumns(pool);
  const forms = needles.map((needle) => ({ needle, forms: [needle.toLowerCase(), Buffer.from(needle, "utf8").toString("hex")] }));
  const found: Found[] = [];
  let values = 0;
  const tables = new Map<string, typeof columns>();
  for (const c of columns) tables.set(`"${c.schema}"."${c.table}"`, [...(tables.get(`"${c.schema}"."${c.table}"`) ?? []), c]);
  for (const [table, cols] of tables) {
    const select = cols.map((c, i) => (c.type === "bytea" ? `"${c.column}" as c${i}` : `"${c.column}"::text as c${i}`)).join(", ");
    const { rows } = await pool.query(`select ${select} from ${table}`);
    for (const row of rows) {
      cols.forEach((c, i) => {
        values++;
        const texts = readings(row[`c${i}`]).map((t) => t.toLowerCase());
        for (const { needle, forms: variants } of forms)
          if (texts.some((t) => variants.some((v) => t.includes(v)))) found.push({ where: `${table}.${c.column}`, needle });
      });
    }
  }
  return { found, columns: columns.length, values };
}

/** Where any of these byte strings appears: raw in bytea, or as hex or base64 in any column. */
async function scanBytes(secrets: Array<{ name: string; bytes: Buffer }>, pool: Pool = database.pool): Promise<string[]> {
  const found: string[] = [];
  for (const c of await allColumns(pool)) {
    const table = `"${c.schema}"."${c.table}"`;
    const { rows } = await pool.query(`select ${c.type === "bytea" ? `"${c.column}"` : `"${c.column}"::text`} as v from ${table}`);
    for (const { v } of rows) {
      if (v === null) continue;
      for (const { name, bytes } of secrets) {
        const hit = Buffer.isBuffer(v)
          ? v.includes(bytes) || v.toString("latin1").toLowerCase().includes(bytes.toString("hex"))
          : [bytes.toString("hex"), bytes.toString("base64"), bytes.toString("base64url")].some((form) => String(v).toLowerCase().includes(form.toLowerCase()));
        if (hit) found.push(`${name} in ${table}.${c.column}`);
      }
    }
  }
  return found;
}

test("no entry text, link, platform name or field name is anywhere in the database in clear", async () => {
  // Nothing of it before the log is written, not even the platforms' names: after, still nothing.
  const before = await scan([...WRITTEN, ...PIECES, ...NAMES]);
  expect(before.found).toEqual([]);
  expect(before.columns).toBeGreaterThan(150);

  const writer = await member();
  const other = await member();
  const ids = [];
  for (const fields of [ENGLISH, CHINESE]) {
    ids.push((await services.evidence.add(writer.who, entryForm({ ...fields, report0To: "police" }))).id);
    await services.evidence.add(other.who, entryForm({ ...fields, report0To: "helpline" }));
  }
  // An entry edited and one deleted leave nothing readable behind either.
  await services.evidence.update(writer.who, ids[0]!, entryForm({ ...ENGLISH, status: "removed", report0To: "police" }));
  await services.evidence.remove(writer.who, (await services.evidence.add(writer.who, entryForm(CHINESE))).id);
  // A second session, so the log is wrapped for two sessions, the passphrase and ten codes.
  await signIn(writer, writer.password);
  const listed = await services.evidence.list(writer.who);
  expect(JSON.stringify(listed)).toContain("Crimson Lantern Exchange"); // it is there, sealed
  expect(JSON.stringify(listed)).toContain("红灯笼交流群");

  const after = await scan([...WRITTEN, ...PIECES, ...NAMES]);
  expect(after.values).toBeGreaterThan(before.values + 100);
  expect(after.found).toEqual([]);
});

test("the data key, the wrapping keys, the session tokens, the codes and the passphrase are not stored", async () => {
  const m = await member();
  await services.evidence.add(m.who, entryForm(CHINESE));
  const second = await signIn(m, m.password);
  const dataKey = await keyFromSession(db, m.memberId, m.token);
  expect(dataKey).toHaveLength(32);
  expect((await keyFromSession(db, m.memberId, second.token))!.equals(dataKey!)).toBe(true);

  // Every wrapping key, derived as server/evidence/keys.ts derives it for each stored wrap.
  const wraps = await keyRows(m.memberId);
  expect(wraps.map((w) => w.kind).sort()).toEqual(["passphrase", ...Array(10).fill("recovery"), "session", "session"]);
  const secrets: Array<{ name: string; bytes: Buffer }> = [{ name: "data key", bytes: dataKey! }];
  for (const w of wraps) {
    if (w.kind === "passphrase") secrets.push({ name: "passphrase wrapping key", bytes: await passphraseKey(m.password, w.salt) });
    if (w.kind === "session") for (const token of [m.token, second.token]) secrets.push({ name: "session wrapping key", bytes: sessionKey(token, w.salt) });
    if (w.kind === "recovery") for (const code of m.codes) secrets.push({ name: "code wrapping key", bytes: recoveryCodeKey(code, w.salt) });
  }
  for (const token of [m.token, second.token]) secrets.push({ name: "session token", bytes: Buffer.from(token, "utf8") });
  for (const code of m.codes) secrets.push({ name: "recovery code", bytes: Buffer.from(normalizeCode(code), "utf8") });
  secrets.push({ name: "passphrase", bytes: Buffer.from(m.password, "utf8") });
  expect(secrets.length).toBeGreaterThan(100);
  expect(await scanBytes(secrets)).toEqual([]);
  // Text forms of the secrets too (a token or code kept in a text column as typed).
  const texts = await scan([m.token, second.token, ...m.codes, ...m.codes.map(normalizeCode), m.password]);
  expect(texts.found).toEqual([]);
});

test("the passphrase's wrap has its own salt: the stored login hash is not its wrapping key", async () => {
  const m = await member();
  const [wrap] = (await keyRows(m.memberId)).filter((w) => w.kind === "passphrase");
  const { rows } = await database.pool.query<{ hash: string }>("select passphrase_hash as hash from members where id = $1", [m.memberId]);
  // $argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>, both unpadded base64.
  const [, , , , salt, digest] = rows[0]!.hash.split("$");
  const loginSalt = Buffer.from(salt!, "base64");
  expect(wrap!.salt.equals(loginSalt)).toBe(false);
  const wrappingKey = await passphraseKey(m.password, wrap!.salt);
  expect(wrappingKey.equals(Buffer.from(digest!, "base64"))).toBe(false);
  // The check above can fail: with the login hash's salt, the wrapping key would be the login hash.
  expect((await passphraseKey(m.password, loginSalt)).equals(Buffer.from(digest!, "base64"))).toBe(true);
});

test("the scans find what they look for: an entry or a key planted in clear is found, in bytea and in text", async () => {
  const own = await createTestDatabase();
  const world = evidenceWorld(own);
  const m = await world.member();
  await world.services.evidence.add(m.who, entryForm(CHINESE));
  await world.services.evidence.add(m.who, entryForm(ENGLISH));
  expect((await scan([...WRITTEN, ...NAMES], own.pool)).found).toEqual([]);
  const dataKey = (await keyFromSession(own.db, m.memberId, m.token))!;
  expect(await scanBytes([{ name: "data key", bytes: dataKey }], own.pool)).toEqual([]);

  // The entry's JSON as bytes in place of its ciphertext; the key unwrapped; both also as text.
  const [row] = await world.entryRows(m.memberId);
  const plain = JSON.stringify(await world.services.evidence.get(m.who, row!.id));
  await own.db
    .update(evidenceEntries)
    .set({ sealed: Buffer.from(plain, "utf8") })
    .where(eq(evidenceEntries.id, row!.id));
  const [wrap] = await world.keyRows(m.memberId);
  await own.db.update(evidenceKeys).set({ wrapped: dataKey }).where(eq(evidenceKeys.id, wrap!.id));
  await own.db.insert(settings).values({ key: "planted.text", value: { place: ENGLISH.place, key: dataKey.toString("base64") } });
  await own.db.insert(settings).values({ key: "planted.hex", value: Buffer.from(CHINESE.postedBy, "utf8").toString("hex") });

  const found = (await scan([ENGLISH.place, CHINESE.postedBy, "douyin", "postedBy"], own.pool)).found.map((f) => `${f.where} ${f.needle}`);
  for (const expected of [
    '"public"."evidence_entries".sealed douyin',
    '"public"."evidence_entries".sealed postedBy',
    '"public"."settings".value Crimson Lantern Exchange',
    '"public"."settings".value 橘子鹰七七',
  ])
    expect(found).toContain(expected);
  expect(await scanBytes([{ name: "data key", bytes: dataKey }], own.pool)).toEqual([
    'data key in "public"."evidence_keys".wrapped',
    'data key in "public"."settings".value',
  ]);
});
