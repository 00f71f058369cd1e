// A member's export (issue 12) on a real database: completeness generated from
// server/privacy/member-data.ts (the member has rows through every relation of the map, every
// row the map exports is in the file, found by its key, and what the map withholds is not), the
// evidence log decrypted with the member's session or left out with a note, and the operator's
// export (the CLI's), which holds nothing of the evidence log and is audited. The files' HTML and
// the downloads: privacy-export-files.test.ts; streaming: privacy-export-stream.test.ts.
import { and, count, eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, evidenceEntries, evidenceKeys } from "#db/schema.ts";
import { sessionIdFromToken } from "#server/auth/session.ts";
import { runAdmin } from "#tests/helpers/built-hearth.ts";
import { adminEnv, createTestDatabase } from "#tests/helpers/db.ts";
import { pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE } from "#tests/helpers/members.ts";
import { actorOf } from "./moderation-helpers.ts";
import {
  collect,
  type Doc,
  EVIDENCE_STRINGS,
  itemsAt,
  memberEverywhere,
  memberRelations,
  privacyWorld,
  relationRows,
  WITHHELD_STRINGS,
} from "./privacy-helpers.ts";

const database = await createTestDatabase();
const { db, services } = privacyWorld(database);
const m = await memberEverywhere(database);

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Every item of every section, nested ones too. */
function everyItem(doc: Doc): Doc[] {
  return memberRelations().flatMap(({ relation }) => ("section" in relation.export ? itemsAt(doc, relation.export.section) : []));
}

const memberJson = async () => JSON.parse(await collect(services.privacy.memberExport(await m.whoNow(), "json", "en"))) as Doc;

test("the fixture reaches every member relation of the map: at least one row through each", async () => {
  const empty: string[] = [];
  for (const { table, column, relation } of memberRelations())
    if ((await relationRows(database, table, column, relation, m.id)).length === 0) empty.push(`${table}.${column}`);
  expect(empty).toEqual([]);
});

test("every row the map exports is in the member's export, found by its key", async () => {
  const doc = await memberJson();
  expect(doc).toMatchObject({ kind: "hearth-member-export", version: 1, audience: "member", complete: true });
  const missing: string[] = [];
  let checked = 0;
  for (const { table, column, relation } of memberRelations()) {
    if (!("section" in relation.export)) continue;
    const { section, key } = relation.export;
    const items = itemsAt(doc, section);
    for (const row of await relationRows(database, table, column, relation, m.id)) {
      checked++;
      if (!items.some((item) => key.every((k) => String(item[camel(k)]) === String(row[k]))))
        missing.push(`${table}.${column} ${key.map((k) => String(row[k])).join(",")} in ${section}`);
    }
  }
  expect(missing).toEqual([]);
  expect(checked).toBeGreaterThan(20);
});

test("what the map withholds is not in the member's export: rows about them kept for others, others' identities", async () => {
  const doc = await memberJson();
  const text = JSON.stringify(doc);
  const ids = new Set(everyItem(doc).map((item) => String(item.id)));
  const leaked: string[] = [];
  for (const { table, column, relation } of memberRelations()) {
    if ("section" in relation.export) continue;
    // An actor's rows may be the member's in another section (their own audit rows): a row
    // withheld as a subject must not be an item anywhere.
    for (const row of await relationRows(database, table, column, relation, m.id))
      if (row.id !== undefined && relation.role === "subject" && ids.has(String(row.id))) leaked.push(`${table}.${column} ${String(row.id)}`);
  }
  expect(leaked).toEqual([]);
  for (const withheld of Object.values(WITHHELD_STRINGS)) expect(text).not.toContain(withheld);
  // Who blocks them, and the moderators who acted on them, are named nowhere.
  for (const other of [m.blocker, m.admin]) {
    expect(text).not.toContain(other.pseudonym);
    expect(text).not.toContain(other.memberId);
  }
  expect((doc.notIncluded as Array<{ key: string }>).map((n) => n.key)).toEqual(
    expect.arrayContaining(["privacy.export.withheld.notes", "privacy.export.withheld.blockedBy", "privacy.export.withheld.hashes"]),
  );
  // No hash of a secret: the member's session ids are their tokens' hashes, and are listed as
  // ids, but neither the passphrase hash nor a recovery code's hash is anywhere.
  const [hashes] = (
    await db.execute<{ passphrase: string; code: string }>(sql`
    select passphrase_hash as passphrase, (select code_hash from recovery_codes where member_id = ${m.id} limit 1) as code from members where id = ${m.id}`)
  ).rows;
  expect(text).not.toContain(hashes!.passphrase);
  expect(text).not.toContain(hashes!.code);
});

test("the member's own export holds their evidence log, opened with their session", async () => {
  const doc = await memberJson();
  const log = doc.evidenceLog as { included: boolean; entries: Doc[] };
  expect(log.included).toBe(true);
  expect(log.entries).toHaveLength(1);
  expect(log.entries[0]).toMatchObject({ place: EVIDENCE_STRINGS.place, description: EVIDENCE_STRINGS.description, postedBy: EVIDENCE_STRINGS.postedBy });
  expect(JSON.stringify(log.entries[0])).toContain(EVIDENCE_STRINGS.caseNumber);
});

test("a session that cannot open the evidence log gets a note that it is sealed, and none of it", async () => {
  const { token } = await services.auth.signIn({ pseudonym: m.pseudonym, password: GOOD_PASSPHRASE }, "privacy-test");
  await db.delete(evidenceKeys).where(eq(evidenceKeys.sessionId, sessionIdFromToken(token)));
  const text = await collect(services.privacy.memberExport({ actor: await actorOf(db, m.id), token }, "json", "en"));
  const doc = JSON.parse(text) as Doc;
  expect(doc.evidenceLog).toEqual({ included: false, reason: "locked", note: expect.stringContaining("sealed") });
  for (const value of Object.values(EVIDENCE_STRINGS)) expect(text).not.toContain(value);
  const html = await collect(services.privacy.memberExport({ actor: await actorOf(db, m.id), token }, "html", "en"));
  expect(pageText(html)).toContain("Your evidence log is sealed and this session could not open it");
});

const operatorAudits = async () =>
  (
    await db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, "member.export"), eq(auditLog.actorKind, "operator"), eq(auditLog.targetId, m.id)))
  )[0]!.n;

test("the operator's export holds everything but the evidence log (not even that there is one), and is audited", async () => {
  const before = await operatorAudits();
  const text = await collect(await services.privacy.operatorExport(m.pseudonym));
  expect(await operatorAudits()).toBe(before + 1);
  const doc = JSON.parse(text) as Doc;
  expect(doc.audience).toBe("operator");
  expect(doc.evidenceLog).toEqual({ included: false, reason: "operator", note: expect.any(String) });
  for (const value of Object.values(EVIDENCE_STRINGS)) expect(text).not.toContain(value);
  const [entry] = await db.select({ id: evidenceEntries.id }).from(evidenceEntries).where(eq(evidenceEntries.memberId, m.id));
  expect(text).not.toContain(entry!.id);
  expect(itemsAt(doc, "posts").length).toBe(itemsAt(await memberJson(), "posts").length);
  await expect(services.privacy.operatorExport("nobody-has-this-name")).rejects.toMatchObject({ name: "NotFound" });
});

test("npm run admin -- export-member NAME: the JSON on stdout, audited, without the evidence log", { timeout: 60_000 }, async () => {
  // The system PostgreSQL's pool has a connection string (TEST_DATABASE_URL runs); the embedded one a socket.
  const env = adminEnv(database);
  const before = await operatorAudits();
  const run = await runAdmin(env, ["export-member", m.pseudonym]);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.out) as Doc;
  expect(doc).toMatchObject({ audience: "operator", complete: true, profile: { pseudonym: m.pseudonym } });
  for (const value of Object.values(EVIDENCE_STRINGS)) expect(run.out).not.toContain(value);
  expect(await operatorAudits()).toBe(before + 1);
  const unknown = await runAdmin(env, ["export-member", "nobody-has-this-name"]);
  expect(unknown.code).toBe(1);
  expect(unknown.out).toBe("");
  expect((await runAdmin(env, ["export-member"])).code).toBe(2);
});

test("the profile holds every column of the member's row but the hashes (settings included)", async () => {
  const withheld = new Set(["pseudonym_key", "pseudonym_skeleton", "passphrase_hash"]);
  const result = await database.db.execute<{ column_name: string }>(
    sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'members'`,
  );
  const profile = (await memberJson()).profile as Doc;
  const shown = new Set([...Object.keys(profile), ...Object.keys((profile.preferences ?? {}) as Doc)]);
  const missing = result.rows.map((r) => r.column_name).filter((c) => !withheld.has(c) && !shown.has(camel(c)));
  expect(result.rows.length).toBeGreaterThan(10);
  expect(missing).toEqual([]);
});
