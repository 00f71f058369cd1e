// What a security review of the evidence log found, each as a test (issue 11, decision 018): a
// log sealed with an earlier passphrase is sealed for the current one by new codes or a passphrase
// change from a session that opens it; an image hidden from the media guard by a bidi control, an
// invisible character or a compatibility letter is still removed; one-line fields keep no line
// breaks; starting over never deletes a log that can be opened; the exports answer only Hearth's
// own pages; the log has a size limit.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { evidenceEntries, evidenceKeys } from "#db/schema.ts";
import { keyFromPassphrase, keyFromSession, rewrapPassphrase } from "#server/evidence/keys.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { entryForm, evidenceWorld } from "./evidence-helpers.ts";

const database = await createTestDatabase();
const { db, services, member, signIn } = evidenceWorld(database);
const evidence = services.evidence;
const EARLIER = "an earlier passphrase nobody uses now";
const NEXT = "seven herons crossing the bay";
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** A member whose log's passphrase wrap is for a passphrase they no longer sign in with (as after
 *  recovery with a code made before the log), in a session that has opened it. */
async function sealedWithEarlierPassphrase() {
  const m = await member();
  await evidence.add(m.who, entryForm({ place: "kept through everything" }));
  const key = (await keyFromSession(db, m.memberId, m.token))!;
  await rewrapPassphrase(db, m.memberId, EARLIER, key);
  expect(await keyFromPassphrase(db, m.memberId, m.password)).toBeNull();
  return { ...m, key };
}

test("new codes from a session that opens a log sealed with an earlier passphrase seal it for the current one", async () => {
  const m = await sealedWithEarlierPassphrase();
  await services.auth.regenerateRecoveryCodes(m.memberId, { current: m.password }, "review-test", m.token);
  expect((await keyFromPassphrase(db, m.memberId, m.password))!.equals(m.key)).toBe(true);
  expect((await evidence.state(m.who)).codesWithoutWrap).toBe(0);
  // And a new sign-in opens it without asking for the earlier passphrase.
  const again = await signIn(m, m.password);
  expect((await evidence.list(again.who)).map((e) => ("broken" in e ? "broken" : e.place))).toEqual(["kept through everything"]);
});

test("a passphrase change from a session that opens a log sealed with an earlier passphrase seals it for the new one", async () => {
  const m = await sealedWithEarlierPassphrase();
  const [session] = await services.auth.listSessions(m.memberId);
  await services.auth.changePassphrase(
    { memberId: m.memberId, pseudonym: m.pseudonym, sessionId: session!.id, sessionToken: m.token },
    { current: m.password, password: NEXT, confirmPassword: NEXT },
    "review-test",
  );
  expect((await keyFromPassphrase(db, m.memberId, NEXT))!.equals(m.key)).toBe(true);
});

test("an image split by a bidi control or an invisible character, or spelled with a compatibility letter, is removed", async () => {
  const m = await member();
  const disguised = [
    `da\u202Ata:image/png;base64,${PNG.slice(0, 10)}\u2066${PNG.slice(10)}`,
    `data:image/png;base64,${PNG.replace("0K", "0\u212A")}`,
    `data:\u200bimage/png;base64,${PNG}`,
    `data:image/png;ba\u00adse64,${PNG}`,
  ];
  for (const text of disguised) {
    const { id, imageRemoved } = await evidence.add(m.who, entryForm({ description: `Seen there. ${text}`, postedBy: text, links: text, report0Name: text }));
    expect(imageRemoved).toBe(true);
    const entry = await evidence.get(m.who, id);
    if ("broken" in entry) throw new Error("broken");
    expect(JSON.stringify(entry)).not.toContain("iVBOR");
  }
});

test("one-line fields keep no line breaks; the description and the links do", async () => {
  const m = await member();
  const { id } = await evidence.add(m.who, entryForm({ place: "Night\nOwls", postedBy: "owl\r\nadmin", description: "line one\nline two" }));
  const entry = await evidence.get(m.who, id);
  if ("broken" in entry) throw new Error("broken");
  expect(entry.place).toBe("Night Owls");
  expect(entry.postedBy).toBe("owl admin");
  expect(entry.description).toBe("line one\nline two");
  expect(entry.links).toHaveLength(2);
});

test("starting over never deletes a log this session or the current passphrase opens", async () => {
  const m = await member();
  await evidence.add(m.who, entryForm({ place: "must survive" }));
  expect(await evidence.startOver(m.who, { current: m.password }, "review-test")).toBe("opened");
  // A session without a wrap whose current passphrase opens the log: opened, not deleted.
  const other = await signIn(m, m.password);
  await db.delete(evidenceKeys).where(eq(evidenceKeys.sessionId, (await services.auth.validateSession(other.token))!.session.id));
  expect(await evidence.startOver(other.who, { current: m.password }, "review-test")).toBe("opened");
  expect(await db.select().from(evidenceEntries).where(eq(evidenceEntries.memberId, m.memberId))).toHaveLength(1);
  // Only a log nothing opens is started over.
  const lost = await sealedWithEarlierPassphrase();
  const stranger = await signIn(lost, lost.password);
  await db.delete(evidenceKeys).where(eq(evidenceKeys.sessionId, (await services.auth.validateSession(stranger.token))!.session.id));
  expect(await evidence.startOver(stranger.who, { current: lost.password }, "review-test")).toBe("startedOver");
  expect(await db.select().from(evidenceEntries).where(eq(evidenceEntries.memberId, lost.memberId))).toHaveLength(0);
});

test("the exports answer Hearth's own pages and typed addresses, not a link or script on another site", async () => {
  const hearth = await startTestHearth({ database });
  const m = await member();
  await evidence.add(m.who, entryForm({ place: "only for my own downloads" }));
  const client = new Browserless(hearth.url);
  client.cookies.set("hearth_session", m.token);
  for (const site of ["cross-site", "same-site"]) {
    const res = await client.get("/settings/evidence/export.csv", { "sec-fetch-site": site });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/settings/evidence");
  }
  for (const site of ["same-origin", "none"]) {
    const res = await client.get("/settings/evidence/export.json", { "sec-fetch-site": site });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("only for my own downloads");
  }
  await hearth.close();
});

test("a log stops growing at its size limit, with a plain message", async () => {
  const m = await member();
  const big = "x".repeat(1990);
  const links = Array.from({ length: 40 }, (_, i) => `https://example.org/${i}/${"y".repeat(70)}`).join("\n");
  let refused: unknown = null;
  // Each entry seals about 7 KB; the limit is 10 MB, so about 1,500 entries fill it.
  for (let i = 0; i < 3000 && !refused; i++) {
    await evidence.add(m.who, entryForm({ description: `${i} ${big}`, place: big.slice(0, 290), postedBy: big.slice(0, 290), links })).catch((err) => {
      refused = err;
    });
  }
  expect(refused).toMatchObject({ name: "Invalid" });
  expect(["evidence.error.tooBig", "evidence.error.full"]).toContain((refused as { formError: string }).formError);
}, 180_000);
