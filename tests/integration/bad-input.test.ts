// Input Hearth never asks for, sent from outside: each gets a 4xx with the translated page, no
// stack trace, and writes nothing (every table's row count is the same after).
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { members } from "#db/schema.ts";
import { startThread } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { rowCounts } from "#tests/helpers/row-counts.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;

const client = new Browserless(hearth.url);
const pseudonym = uniquePseudonym();
expect((await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE })).status).toBe(200);
const [me] = await db.select({ id: members.id }).from(members).where(eq(members.pseudonym, pseudonym));
const thread = await startThread(db, { id: me!.id, role: "member" }, { forum: "support" });
const DASHES = "-".repeat(36);
const FORM = { "sec-fetch-site": "same-origin", origin: "null" };

function send(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  return fetch(new URL(path, hearth.url), { redirect: "manual", ...init, headers: { cookie: client.cookieHeader(), ...init.headers } });
}

const multipart = (boundary: string, fields: Record<string, string>) =>
  `${Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join("")}--${boundary}--\r\n`;

const reply = { body: "This reply must never be stored.", intent: "post", idempotencyKey: "6f1c1d3e-9a51-4c1e-8f3e-2b7f4d9a0c11" };
const full = multipart("hearthboundary", reply);

const cases: Array<[string, () => Promise<Response>]> = [
  ["edit page of a 36-dash id", () => send(`/p/${DASHES}/edit`)],
  [
    "edit action on a 36-dash id",
    () => send(`/p/${DASHES}/edit`, { method: "POST", body: new URLSearchParams({ body: "edited", intent: "post" }), headers: FORM }),
  ],
  ["report page of a 36-dash id", () => send(`/p/${DASHES}/report`)],
  ["report action on a 36-dash id", () => send(`/p/${DASHES}/report`, { method: "POST", body: new URLSearchParams({ reason: "other" }), headers: FORM })],
  ["an id that is nearly a UUID", () => send(`/p/0000000g-0000-0000-0000-000000000000/edit`)],
  ["forum page 99999999999999999999", () => send("/f/support?page=99999999999999999999")],
  ["thread page 99999999999999999999", () => send(`/t/${thread.threadId}?page=99999999999999999999`)],
  ["thread page 1e3", () => send(`/t/${thread.threadId}?page=1e3`)],
  [
    "returnTo with CR LF",
    () => send("/language", { method: "POST", body: new URLSearchParams({ lang: "zh-Hans", returnTo: "/\r\nSet-Cookie: x=1" }), headers: FORM }),
  ],
  [
    "returnTo with a tab",
    () => send("/language", { method: "POST", body: new URLSearchParams({ lang: "zh-Hans", returnTo: "/\t/evil.example" }), headers: FORM }),
  ],
  [
    "a truncated multipart body",
    () =>
      send(`/t/${thread.threadId}`, {
        method: "POST",
        body: full.slice(0, full.length - 40),
        headers: { ...FORM, "content-type": "multipart/form-data; boundary=hearthboundary" },
      }),
  ],
  [
    "multipart without a boundary",
    () => send(`/t/${thread.threadId}`, { method: "POST", body: full, headers: { ...FORM, "content-type": "multipart/form-data" } }),
  ],
  [
    "JSON to a form action",
    () => send(`/t/${thread.threadId}`, { method: "POST", body: JSON.stringify(reply), headers: { ...FORM, "content-type": "application/json" } }),
  ],
  [
    "JSON to sign-in",
    () =>
      send("/login", { method: "POST", body: JSON.stringify({ pseudonym, password: "wrong one" }), headers: { ...FORM, "content-type": "application/json" } }),
  ],
];

test.each(cases)("%s: a 4xx with the translated page, no stack trace, nothing written", async (_name, run) => {
  const before = await rowCounts(db);
  const res = await run();
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get("set-cookie")).toBeNull();
  expect(html).not.toMatch(/\bat [^\n]*\.(ts|tsx|js):\d+|TypeError|SyntaxError|node_modules/);
  const text = pageText(html);
  expect(text).toMatch(/Page not found|This request could not be used/);
  expect(text).toContain("Go to the home page");
  expect(await rowCounts(db)).toEqual(before);
});

test("the preview (a resource route for scripts) refuses JSON with a bare 415, writing nothing", async () => {
  const before = await rowCounts(db);
  const res = await send("/preview", { method: "POST", body: JSON.stringify({ body: "hello" }), headers: { ...FORM, "content-type": "application/json" } });
  expect(res.status).toBe(415);
  expect(await res.text()).not.toMatch(/TypeError|\.(ts|js):\d+/);
  expect(await rowCounts(db)).toEqual(before);
});

test("the same answers are translated for a Chinese reader", async () => {
  const zh = { "accept-language": "zh-CN", cookie: "" };
  const missing = await send(`/p/${DASHES}/report`, { headers: { ...zh, cookie: client.cookieHeader(), "accept-language": "zh-CN" } });
  expect(missing.status).toBe(404);
  const visitorPage = await send("/f/support?page=99999999999999999999", { headers: zh });
  expect(visitorPage.status).toBe(404);
  expect(pageText(await visitorPage.text())).toContain("找不到页面");
  const bad = await send("/login", { method: "POST", body: "{}", headers: { ...FORM, ...zh, "content-type": "application/json" } });
  expect(bad.status).toBe(415);
  expect(pageText(await bad.text())).toContain("无法处理这个请求");
  const tab = await send("/language", { method: "POST", body: new URLSearchParams({ lang: "en", returnTo: "/\t/evil.example" }), headers: { ...FORM, ...zh } });
  expect(tab.status).toBe(400);
  expect(pageText(await tab.text())).toContain("无法处理这个请求");
});
