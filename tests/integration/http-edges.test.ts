// The edges of the HTTP surface: static assets (found, missing, outside the folder), methods
// other than GET/HEAD/POST, `.data` answers for what a visitor may not see, and socket.io's own
// answers, all with the security headers and none a 500.
import { expect, test } from "vitest";
import { viewerFor, startThread, replyTo } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;

function expectBaseline(res: Response) {
  expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'self'; script-src 'self' 'nonce-/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("permissions-policy")).toContain("camera=()");
  expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
}

test("a hashed asset is cacheable for a year; a missing one, a directory or `..` is a plain 404, never cached", async () => {
  const html = await (await fetch(hearth.url)).text();
  const asset = html.match(/href="(\/assets\/[^"]+\.css)"/)![1]!;
  const found = await fetch(new URL(asset, hearth.url));
  expect(found.status).toBe(200);
  expect(found.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  expectBaseline(found);
  for (const path of [
    "/assets/no-such-file-abc123.js",
    "/assets/%2e%2e/server/index.js",
    "/assets/%2E%2E%2Fhearth.js",
    "/assets/..%2f..%2fpackage.json",
    "/assets/",
    "/assets",
  ]) {
    const res = await fetch(new URL(path, hearth.url), { redirect: "manual" });
    expect(res.status, path).toBe(404);
    expect(res.headers.get("cache-control"), path).toBe("no-store");
    expect(res.headers.get("retry-after"), path).toBeNull();
    expectBaseline(res);
    expect(pageText(await res.text()), path).toContain("Page not found");
  }
  const zh = await fetch(new URL("/assets/missing.js", hearth.url), { headers: { "accept-language": "zh" } });
  expect(pageText(await zh.text())).toContain("找不到页面");
  expect(hearth.logs.join("")).not.toMatch(/"event":"unhandled"/);
});

test("OPTIONS learns the methods (204, Allow, headers); other methods are 405 with the translated page", async () => {
  for (const path of ["/", "/login", "/t/00000000-0000-4000-8000-000000000000", "/no/such/page"]) {
    const res = await fetch(new URL(path, hearth.url), {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(res.status, path).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expectBaseline(res);
    expect(await res.text()).toBe("");
  }
  for (const method of ["PUT", "DELETE", "PATCH"]) {
    const res = await fetch(new URL("/login", hearth.url), { method, headers: { "sec-fetch-site": "same-origin", "accept-language": "zh" } });
    expect(res.status, method).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expectBaseline(res);
    expect(pageText(await res.text())).toContain("无法处理这个请求");
  }
});

test("a `.data` 404 is labelled Not Found, not Internal Server Error", async () => {
  for (const path of ["/no/such/page.data", "/t/00000000-0000-4000-8000-000000000000.data", "/f/no-such-forum.data"]) {
    const res = await fetch(new URL(path, hearth.url));
    expect(res.status, path).toBe(404);
    const body = await res.text();
    expect(body, path).toContain('"Not Found"');
    expect(body, path).not.toContain("Internal Server Error");
  }
});

test("a visitor gets 404 on the `.data` of members-only threads and forums, and no post on edit pages", async () => {
  const author = await viewerFor(db);
  const secret = "A members-only title nobody outside may read";
  const thread = await startThread(db, author.viewer, { forum: "support", title: secret, body: "members-only opening words" });
  const replied = await replyTo(db, author.viewer, thread.threadId, "members-only reply words");
  const visitor = new Browserless(hearth.url);
  for (const path of [`/t/${thread.threadId}.data`, `/t/${thread.threadId}.data?page=last`, "/f/support.data", "/f/support/new.data"]) {
    const res = await visitor.get(path);
    const body = await res.text();
    expect(res.status === 404 || (path.endsWith("new.data") && res.status === 202), `${path} ${res.status}`).toBe(true);
    expect(body).not.toContain(secret);
    expect(body).not.toContain("members-only");
  }
  // Edit pages: a visitor is sent to sign in, the same answer for a real post and for none.
  const edit = await visitor.get(`/p/${replied.postId}/edit.data`);
  const none = await visitor.get("/p/00000000-0000-4000-8000-000000000000/edit.data");
  const editBody = await edit.text();
  expect(edit.status).toBe(none.status);
  expect(editBody).toBe(await none.text());
  expect(editBody).not.toContain("members-only");
  // A member who is not the author gets 404 on the edit page's data.
  const other = new Browserless(hearth.url);
  const { GOOD_PASSPHRASE, uniquePseudonym } = await import("#tests/helpers/members.ts");
  await other.post("/join", { pseudonym: uniquePseudonym(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  const notMine = await other.get(`/p/${replied.postId}/edit.data`);
  expect(notMine.status).toBe(404);
  expect(await notMine.text()).not.toContain("members-only");
});

test("socket.io's own answers, the handshake refusal included, carry the security headers; Express stays out", async () => {
  const refused = await fetch(new URL("/socket.io/?EIO=4&transport=polling", hearth.url), { headers: { origin: "https://evil.example" } });
  expect(refused.status).toBe(403);
  expectBaseline(refused);
  expect(refused.headers.get("cache-control")).toBe("no-store");
  const unknownTransport = await fetch(new URL("/socket.io/?EIO=4&transport=carrier-pigeon", hearth.url));
  expect(unknownTransport.status).toBe(400);
  expectBaseline(unknownTransport);
  await new Promise((r) => setTimeout(r, 100));
  expect(hearth.logs.join("")).not.toMatch(/ERR_HTTP_HEADERS_SENT|"event":"unhandled"/);
});
