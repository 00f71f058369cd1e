// The export's files and downloads (issue 12): the HTML page shows hostile text as text and
// loads, links and runs nothing, in the member's language; over real HTTP, /settings/privacy
// offers both downloads, which are attachments, never cached, sandboxed, refused to other sites
// and to visitors who are not signed in, and leave nothing of the member in the server's log.
import { JSDOM } from "jsdom";
import { expect, test } from "vitest";
import { DEFAULT_LIMITS, memoryThrottle } from "#server/auth/throttle.ts";
import { sessionCookieName } from "#server/auth/session-cookie.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { collect, type Doc, EVIDENCE_STRINGS, HOSTILE, memberEverywhere, privacyWorld } from "./privacy-helpers.ts";

const database = await createTestDatabase();
const hearth = await startTestHearth({ database });
const { services } = privacyWorld(database);
const m = await memberEverywhere(database);

test("the HTML export shows hostile text as text: none of its markup, no <img, nothing that loads or links", async () => {
  const html = await collect(services.privacy.memberExport(await m.whoNow(), "html", "en"));
  expect(html).toContain("<title>Your data on Hearth</title>");
  expect(html).toContain("&lt;script&gt;alert(&quot;hearth&quot;)&lt;/script&gt;");
  expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  expect(html).toContain("&quot;&gt;&lt;b onmouseover=alert(2)&gt;bold&lt;/b&gt;");
  for (const tag of ["<img", "<script", "<svg", "<b ", "<a ", "<link", "<iframe", "<object", "<embed", "<form", "<base", "<video", "<audio", "<source"])
    expect(html).not.toContain(tag);
  // In the page's own tags (escaped text has no "<"): nothing that loads, links or runs.
  const ownTags = html.match(/<[a-z][^>]*>/gi) ?? [];
  expect(ownTags.length).toBeGreaterThan(100);
  expect(ownTags.filter((tag) => /\s(src|href|srcset|action|formaction|poster|background|xlink:href|on[a-z]+)\s*=/i.test(tag))).toEqual([]);
  expect(html).not.toMatch(/url\(|@import/i);
  // Parsed as a browser would: the elements are only the page's own, the hostile text is text.
  const dom = new JSDOM(html);
  const document = dom.window.document;
  const tags = new Set([...document.querySelectorAll("*")].map((e) => e.localName));
  expect(
    [...tags].filter(
      (t) =>
        ![
          "html",
          "head",
          "meta",
          "title",
          "style",
          "body",
          "main",
          "h1",
          "h2",
          "p",
          "section",
          "article",
          "dl",
          "dt",
          "dd",
          "div",
          "details",
          "summary",
          "pre",
          "ul",
          "li",
          "strong",
        ].includes(t),
    ),
  ).toEqual([]);
  const attributes = [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].map((a) => `${e.localName}[${a.name}]`));
  expect(new Set(attributes)).toEqual(new Set(["html[lang]", "meta[charset]", "meta[http-equiv]", "meta[content]", "meta[name]", "div[class]", "p[class]"]));
  expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content")).toMatch(/^default-src 'none'/);
  const body = document.body.textContent ?? "";
  expect(body).toContain(HOSTILE.script);
  expect(body).toContain(HOSTILE.image);
  // The link in the post is kept as text, its address written out.
  expect(body).toContain("my notes (https://example.org/notes?a=1&b=2)");
  expect(body).toContain(EVIDENCE_STRINGS.postedBy);
  dom.window.close();
});

test("the HTML export is in the member's language", async () => {
  const html = await collect(services.privacy.memberExport(await m.whoNow(), "html", "zh-Hans"));
  expect(html).toContain('<html lang="zh-Hans">');
  expect(pageText(html)).toContain("你在 Hearth 上的数据");
  expect(pageText(html)).toContain("你的帖子");
  // What the member did as a moderator, and where an image was removed, are named in Chinese, not
  // given as Hearth's own keys (post.remove, chat) or English.
  const text = pageText(html);
  expect(text).toMatch(/操作 [\u4e00-\u9fff]/);
  expect(text).not.toMatch(/\b(post|thread|member|chat|invite|appeal)\.[a-z_]+\b/);
  expect(text).toContain("在帖子中");
});

test("over HTTP: /settings/privacy and its downloads, as attachments never cached, refused to other sites", async () => {
  const client = new Browserless(hearth.url);
  client.cookies.set(sessionCookieName(false), m.token);
  const page = await client.get("/settings/privacy");
  expect(page.status).toBe(200);
  const pageHtml = await page.text();
  expect(pageHtml).toContain('href="/settings/privacy/export.json"');
  expect(pageHtml).toContain('href="/settings/privacy/export.html"');
  expect(pageText(pageHtml)).toContain("Your evidence log is open in this session");
  expect(page.headers.get("cache-control")).toContain("no-store");

  for (const [path, type] of [
    ["/settings/privacy/export.json", "application/json"],
    ["/settings/privacy/export.html", "text/html"],
  ] as const) {
    for (const site of ["same-origin", "none", null]) {
      const res = await client.get(path, site ? { "sec-fetch-site": site } : {});
      expect(res.status, `${path} ${site}`).toBe(200);
      expect(res.headers.get("content-type")).toBe(`${type}; charset=utf-8`);
      expect(res.headers.get("content-disposition")).toMatch(
        new RegExp(`^attachment; filename="hearth-data-\\d{4}-\\d{2}-\\d{2}\\.${path.slice(-4).replace(".", "")}"$`),
      );
      expect(res.headers.get("content-security-policy")).toContain(", default-src 'none'; sandbox");
      expect(res.headers.get("cache-control")).toContain("no-store");
      const body = await res.text();
      expect(body).toContain(EVIDENCE_STRINGS.postedBy);
    }
    for (const site of ["cross-site", "same-site"]) {
      const res = await client.get(path, { "sec-fetch-site": site });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/settings/privacy");
      await res.body?.cancel();
    }
  }
  const json = JSON.parse(await (await client.get("/settings/privacy/export.json")).text()) as Doc;
  expect(json.complete).toBe(true);
  // In discreet mode neither the file's name nor its tab's title, once opened, says Hearth.
  client.cookies.set("discreet", "on");
  const discreet = await client.get("/settings/privacy/export.html");
  expect(discreet.headers.get("content-disposition")).toMatch(/^attachment; filename="notes-\d{4}-\d{2}-\d{2}\.html"$/);
  expect(await discreet.text()).toContain("<title>Notes</title>");
  client.cookies.delete("discreet");
  const stranger = new Browserless(hearth.url);
  const refused = await stranger.get("/settings/privacy/export.json");
  expect(refused.status).toBe(302);
  expect(refused.headers.get("location")).toBe("/login");
  // Nothing of the member's in the server's log.
  const logs = hearth.logs.join("\n");
  for (const secret of [m.pseudonym, m.token, EVIDENCE_STRINGS.postedBy, "In the lounge"]) expect(logs).not.toContain(secret);
});

test("a member asking for their export again and again is told to wait, in their language; other members are not", async () => {
  const limited = await startTestHearth({ database, throttle: memoryThrottle({ ...DEFAULT_LIMITS, exportsPerHour: 2 }) });
  try {
    const [one, other] = [await makeMember(database.db), await makeMember(database.db)];
    const client = new Browserless(limited.url);
    client.cookies.set(sessionCookieName(false), one.token);
    for (const path of ["/settings/privacy/export.json", "/settings/privacy/export.html"]) {
      const res = await client.get(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(one.pseudonym);
    }
    // Refused: back to the member's data page, which says how long to wait; no file.
    const refused = await client.get("/settings/privacy/export.json");
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe("/settings/privacy?wait=60#download");
    const text = pageText(await (await client.get("/settings/privacy?wait=60")).text());
    expect(text).toContain("the next download can start in 60 minutes");
    client.cookies.set("lang", "zh-Hans");
    expect((await client.get("/settings/privacy/export.html")).headers.get("location")).toBe("/settings/privacy?wait=60#download");
    expect(pageText(await (await client.get("/settings/privacy?wait=60")).text())).toContain("60 分钟后才能开始");
    // A made-up number is not said.
    client.cookies.set("lang", "en");
    for (const wait of ["0", "61", "1.5", "x", ""])
      expect(pageText(await (await client.get(`/settings/privacy?wait=${wait}`)).text())).not.toContain("next download");
    const otherClient = new Browserless(limited.url);
    otherClient.cookies.set(sessionCookieName(false), other.token);
    const theirs = await otherClient.get("/settings/privacy/export.json");
    expect(theirs.status).toBe(200);
    expect(JSON.parse(await theirs.text())).toMatchObject({ complete: true });
  } finally {
    await limited.close();
  }
});
