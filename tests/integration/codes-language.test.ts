// The header's language switch carries the recovery codes of the page that shows them, so the
// page comes back in the new language with the same codes (tests/e2e/codes-language.test.ts).
// It shows codes back only when they are all ten of the asking member's unused ones: someone
// else's, a wrong, used, repeated or missing one, or no session, and it is an ordinary switch.
import { expect, test } from "vitest";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
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
