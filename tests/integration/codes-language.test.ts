// The header's language switch carries the recovery codes of the page that shows them, so the
// page comes back in the new language with the same codes (tests/e2e/codes-language.test.ts).
// It shows codes back only when they are all ten of the asking member's unused ones: someone
// else's, a wrong, used, repeated or missing one, or no session, and it is an ordinary switch.
import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { members, recoveryCodes } from "#db/schema.ts";
import { SHOW_AGAIN_MS } from "#server/auth/recovery-codes.ts";
import { writeSetting } from "#server/settings/store.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const database = await createTestDatabase();
const hearth = await startTestHearth({ database });
const CODE = /<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code>/g;
const codesIn = (html: string) => [...html.matchAll(CODE)].map((m) => m[1]!);

async function joined() {
  const client = new Browserless(hearth.url);
  const pseudonym = uniquePseudonym();
  const res = await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  const codes = codesIn(await res.text());
  expect(codes).toHaveLength(10);
  return { client, codes, pseudonym };
}

const switchWith = (client: Browserless, codes: string[], next = "/welcome", lang = "zh-Hans") =>
  client.post("/language", [["lang", lang], ["returnTo", "/join"], ["codesNext", next], ...codes.map((c): [string, string] => ["shownCode", c])]);

test("the member's own ten codes come back in the new language, with the way on, and are not stored", async () => {
  const { client, codes } = await joined();
  const res = await switchWith(client, codes);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-store");
  const html = await res.text();
  expect(html).toContain('<html lang="zh-Hans">');
  expect(codesIn(html)).toEqual(codes);
  expect(pageText(html)).toContain("你的恢复码");
  expect(html).toContain('href="/welcome"');
  // The choice is kept like any other switch.
  expect(await (await client.get("/settings")).text()).toContain('<html lang="zh-Hans">');
  // Typed differently (upper case) they are still the same codes.
  expect(
    codesIn(
      await (
        await switchWith(
          client,
          codes.map((c) => c.toUpperCase()),
          "/settings",
          "en",
        )
      ).text(),
    ),
  ).toHaveLength(10);
});

test("anything but the asking member's ten unused codes is an ordinary switch: back, no codes", async () => {
  const a = await joined();
  const b = await joined();
  const refused: [string, Browserless, string[], string?][] = [
    ["someone else's codes", a.client, b.codes],
    ["nine of them", a.client, a.codes.slice(0, 9)],
    ["one repeated", a.client, [...a.codes.slice(0, 9), a.codes[0]!]],
    ["one wrong", a.client, [...a.codes.slice(0, 9), "aaaa-bbbb-cccc-dddd"]],
    ["eleven", a.client, [...a.codes, b.codes[0]!]],
    ["a way on that is not one of the codes pages", a.client, a.codes, "//evil.example/"],
    ["no session", new Browserless(hearth.url), a.codes],
  ];
  for (const [what, client, codes, next] of refused) {
    const res = await switchWith(client, codes, next);
    expect(res.status, what).toBe(302);
    expect(res.headers.get("location"), what).toBe("/join");
    expect(codesIn(await res.text()), what).toEqual([]);
  }
  // A used code: after recovery with one of them, the old ten are no longer all current.
  const recovered = new Browserless(hearth.url);
  const rec = await recovered.post("/recover", {
    pseudonym: a.pseudonym,
    code: a.codes[0]!,
    password: "a new passphrase for later",
    confirmPassword: "a new passphrase for later",
  });
  expect(rec.status).toBe(200);
  const afterUse = await switchWith(recovered, a.codes);
  expect(afterUse.status).toBe(302);
});

test("codes made more than 15 minutes ago are not shown again: a form sent again from a shared browser's history", async () => {
  const { client, codes, pseudonym } = await joined();
  const [member] = await database.db.select({ id: members.id }).from(members).where(eq(members.pseudonym, pseudonym));
  await database.db
    .update(recoveryCodes)
    .set({ createdAt: sql`now() - make_interval(secs => ${SHOW_AGAIN_MS / 1000 + 5})` })
    .where(eq(recoveryCodes.memberId, member!.id));
  const res = await switchWith(client, codes);
  expect(res.status).toBe(302);
  expect(codesIn(await res.text())).toEqual([]);
});

test("a member waiting for approval switches language on their codes page and keeps the codes", async () => {
  await writeSetting(database.db, "registration.mode", "approval");
  try {
    const { client, codes } = await joined();
    const res = await switchWith(client, codes, "/waiting");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(codesIn(html)).toEqual(codes);
    expect(html).toContain('href="/waiting"');
  } finally {
    await writeSetting(database.db, "registration.mode", "open");
  }
});

test("GET /language offers the languages, each a button that switches", async () => {
  const res = await new Browserless(hearth.url).get("/language");
  expect(res.status).toBe(200);
  const text = pageText(await res.text());
  expect(text).toContain("Language");
  expect(text).toContain("中文");
});
