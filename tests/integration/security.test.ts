// Headers on every response, Origin checks on every state change, throttling that cannot lock an
// owner out, and HTTPS-only behaviour.
import { expect, test } from "vitest";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();

// The whole policy, written out: any directive added, loosened or dropped fails here.
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self' 'nonce-NONCE'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
  "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The CSP with its nonce (16 random bytes, base64) replaced by NONCE. */
function cspOf(res: Response) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
  return csp.replace(/'nonce-[A-Za-z0-9+/]{22}=='/, "'nonce-NONCE'");
}

function expectBaseline(res: Response) {
  const csp = res.headers.get("content-security-policy")!;
  expect(cspOf(res)).toBe(EXPECTED_CSP);
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
  expect(res.headers.get("x-powered-by")).toBeNull();
  return csp;
}

test("pages, 404s and the health check carry the full header baseline", async () => {
  const client = new Browserless(hearth.url);
  for (const path of ["/", "/join", "/login", "/no/such/page", "/healthz"]) expectBaseline(await client.get(path));
  const missing = await client.get("/no/such/page");
  expect(missing.status).toBe(404);
  expect(pageText(await missing.text())).toContain("Page not found");
  const zh = await new Browserless(hearth.url, { "accept-language": "zh" }).get("/nope");
  expect(pageText(await zh.text())).toContain("找不到页面");
});

test("the whole CSP, nonce aside, on a page, a 404, error pages and a resource route", async () => {
  const member = new Browserless(hearth.url);
  await member.post("/join", { pseudonym: uniquePseudonym(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  const answers: Array<[string, Response]> = [
    ["page", await member.get("/forums")],
    ["404", await member.get("/no/such/page")],
    ["error page (React Router)", await member.post("/language", { lang: "en", returnTo: "/\t/evil.example" })],
    ["error page (before React Router)", await member.post("/login", { pseudonym: "x" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })],
    ["resource route", await member.post("/preview", { body: "Hello **there**" })],
    ["data request", await member.get("/forums.data")],
  ];
  expect(answers.map(([what, res]) => `${what} ${res.status}`)).toEqual([
    "page 200",
    "404 404",
    "error page (React Router) 400",
    "error page (before React Router) 403",
    "resource route 200",
    "data request 200",
  ]);
  for (const [what, res] of answers) expect(cspOf(res), what).toBe(EXPECTED_CSP);
  const secure = await startTestHearth({ env: { PUBLIC_ORIGIN: "https://hearth.test" }, database: hearth.database });
  expect(cspOf(await fetch(secure.url))).toBe(`${EXPECTED_CSP}; upgrade-insecure-requests`);
});

test("each response has its own nonce, and every script on the page carries it", async () => {
  const client = new Browserless(hearth.url);
  const a = await client.get("/join");
  const b = await client.get("/join");
  const nonce = (res: Response) => res.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1]!;
  expect(nonce(a)).not.toBe(nonce(b));
  const html = await a.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce(a)}"`);
  expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"' ]+\.(js|css|woff2?)/); // nothing from another origin
  expect(html).not.toContain(' style="');
});

test("a cross-site POST is refused on pages and resource routes, and changes nothing", async () => {
  const client = new Browserless(hearth.url);
  const pseudonym = uniquePseudonym();
  const form = { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE };
  const foreign = await client.post("/join", form, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
  expect(foreign.status).toBe(403);
  expect(pageText(await foreign.text())).toContain("This form came from another site");
  expect(foreign.headers.getSetCookie()).toEqual([]);
  const nullOrigin = await client.post("/login", { pseudonym, password: GOOD_PASSPHRASE }, { origin: "null", "sec-fetch-site": "cross-site" });
  expect(nullOrigin.status).toBe(403);
  const nullNoFetchSite = await fetch(new URL("/login", hearth.url), {
    method: "POST",
    body: new URLSearchParams({ pseudonym }),
    redirect: "manual",
    headers: { origin: "null" },
  });
  expect(nullNoFetchSite.status).toBe(403);
  // A same-site page (another port) is another origin too.
  const sibling = await client.post("/login", { pseudonym, password: GOOD_PASSPHRASE }, { origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site" });
  expect(sibling.status).toBe(403);
  const noOrigin = await fetch(new URL("/language", hearth.url), { method: "POST", body: new URLSearchParams({ lang: "zh-Hans" }), redirect: "manual" });
  expect(noOrigin.status).toBe(403);
  const sameSiteFetch = await fetch(new URL("/language", hearth.url), {
    method: "POST",
    body: new URLSearchParams({ lang: "zh-Hans" }),
    redirect: "manual",
    headers: { "sec-fetch-site": "same-origin" },
  });
  expect(sameSiteFetch.status).toBe(302);
  const dataRequest = await client.post("/join.data", form, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
  expect(dataRequest.status).toBe(403);
  const ok = await client.post("/join", form); // as Chromium sends it: Origin null, same-origin
  expect(ok.status).toBe(200);
  const explicit = await new Browserless(hearth.url).post(
    "/login",
    { pseudonym, password: GOOD_PASSPHRASE },
    { origin: new URL(hearth.url).origin, "sec-fetch-site": "same-origin" },
  );
  expect(explicit.status).toBe(302);
});

test("behind HTTPS: Secure __Host- cookies and HSTS", async () => {
  const secure = await startTestHearth({ env: { PUBLIC_ORIGIN: "https://hearth.test" } });
  const client = new Browserless(secure.url);
  const res = await client.post(
    "/join",
    { pseudonym: uniquePseudonym(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE },
    { origin: "https://hearth.test" },
  );
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-hearth_session="));
  expect(cookie).toMatch(/; Secure/);
  expect(cookie).toMatch(/Path=\//);
  expect(cookie).not.toMatch(/Domain=/i);
  expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{8}/);
  expect((await new Browserless(hearth.url).get("/")).headers.get("strict-transport-security")).toBeNull();
  const wrongOrigin = await client.post("/login", { pseudonym: "x", password: "y" }, { origin: secure.url, "sec-fetch-site": "cross-site" });
  expect(wrongOrigin.status).toBe(403);
});

test("throttling: blocked per pseudonym and client, never the owner from elsewhere; unknown names alike", async () => {
  const limits = {
    pairFailures: 3,
    clientFailures: 8,
    pseudonymFailures: 4,
    signUps: 50,
    postsPerMinute: 6,
    exportsPerHour: 12,
    windowSeconds: 600,
    slowdownStepMs: 1,
    slowdownMaxMs: 5,
  };
  const node = await startTestHearth({ env: { TRUST_PROXY: "loopback" }, throttle: memoryThrottle(limits) });
  const from = (address: string) => new Browserless(node.url, { "x-forwarded-for": address });
  const owner = from("198.51.100.7");
  const pseudonym = uniquePseudonym();
  await owner.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  const attacker = from("203.0.113.9");
  const ghost = uniquePseudonym();
  const statuses: number[] = [];
  const ghostStatuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    statuses.push((await attacker.post("/login", { pseudonym, password: `guess number ${i}` })).status);
    ghostStatuses.push((await attacker.post("/login", { pseudonym: ghost, password: `guess number ${i}` })).status);
  }
  expect(statuses).toEqual([400, 400, 400, 429]);
  expect(ghostStatuses).toEqual(statuses);
  const blocked = await attacker.post("/login", { pseudonym, password: GOOD_PASSPHRASE });
  expect(blocked.status).toBe(429);
  expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(pageText(await blocked.text())).toMatch(/Too many attempts\. Please wait \d+ minutes/);
  // Many addresses hammering one pseudonym slow it down but do not lock the owner out.
  for (let i = 0; i < 6; i++) await from(`203.0.113.${20 + i}`).post("/login", { pseudonym, password: `spray ${i}` });
  const ownerLogin = await owner.post("/login", { pseudonym, password: GOOD_PASSPHRASE });
  expect(ownerLogin.status).toBe(302);
  // One client trying many pseudonyms is blocked as a client.
  const sprayer = from("203.0.113.77");
  const codes: number[] = [];
  for (let i = 0; i < 9; i++) codes.push((await sprayer.post("/login", { pseudonym: uniquePseudonym(), password: "whatever it is" })).status);
  expect(codes.slice(0, 8).every((c) => c === 400)).toBe(true);
  expect(codes[8]).toBe(429);
});
