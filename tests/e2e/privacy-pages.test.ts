// Issue 12's privacy page and discreet mode in real Chromium, with JavaScript on and off: /privacy
// states this server's current retention settings (changed through the real settings store) and
// each chat room's own; the footer links it on every page, /join too; discreet mode, switched on
// from /settings or /safety, makes every title and the tab icon neutral, turns notifications into
// "New activity" and makes the quick exit end the session on the server; off again, all is as
// before. axe on /privacy. As in quick-exit.test.ts, quick exit goes to a page of this server and
// every request off Hearth's origin is refused.
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { chatRooms, members, sessions } from "#db/schema.ts";
import { writeSetting } from "#server/settings/store.ts";
import { replyTo, startThread, viewerFor } from "#tests/helpers/forums.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { seriousViolations } from "./axe.ts";
import { browserForThisFile, failOnPageErrors, openContext, settled, type Watched } from "./browser.ts";
import { press, signedInAs, submitSignIn, visit } from "./steps.ts";

const browser = browserForThisFile();
const hearth = await startTestHearth();
const db = hearth.database.db;
const origin = new URL(hearth.url).origin;
// A page that exists: a 404 would be a console error, and every page here must have none.
const DESTINATION = `${hearth.url}/help?list=en`;
await writeSetting(db, "quick_exit.url", DESTINATION);
const SESSION_COOKIE = "hearth_session";
const modes = [true, false] as const;
const label = (javaScript: boolean) => (javaScript ? "JavaScript on" : "JavaScript off");

/** A context whose requests stay on this machine, failing the test on any console error. */
async function guarded(opts: { javaScript: boolean; locale?: string }) {
  const watched = await openContext(await browser(), { javaScript: opts.javaScript, locale: opts.locale });
  await watched.context.route("**/*", (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
  failOnPageErrors(watched);
  return watched;
}

function expectStayedLocal(watched: Watched) {
  expect(watched.foreignRequests(origin)).toEqual([]);
  expect(watched.cspViolations()).toEqual([]);
}

const footerLink = (page: Page) => page.getByRole("contentinfo").getByRole("link", { name: "Privacy", exact: true });
const kept = (page: Page, id: string) => page.getByTestId(`kept-${id}`).innerText();
const iconHref = (page: Page) => page.evaluate(() => document.querySelector('link[rel="icon"]')?.getAttribute("href") ?? null);

/** A member with a thread in Support and a reply by someone else mentioning them (one unread
 *  notification), signed in in the browser. */
async function memberWithNews(watched: Watched, javaScript: boolean) {
  const member = await viewerFor(db);
  // The factory signs the member up, and so in: only the browser's session should remain.
  await db.delete(sessions).where(eq(sessions.id, member.sessionId));
  const other = await viewerFor(db);
  const title = `Where my photos turned up ${crypto.randomUUID().slice(0, 6)}`;
  const thread = await startThread(db, member.viewer, { title });
  await replyTo(db, other.viewer, thread.threadId, `@${member.pseudonym} I saw this too, you are not alone.`);
  await visit(watched.page, javaScript, `${hearth.url}/login`);
  await submitSignIn(watched.page, javaScript, member.pseudonym, GOOD_PASSPHRASE);
  await signedInAs(watched.page, javaScript, member.pseudonym);
  return { ...member, other, title, threadUrl: `${hearth.url}/t/${thread.threadId}` };
}

async function sessionCount(memberId: string) {
  return (await db.select().from(sessions).where(eq(sessions.memberId, memberId))).length;
}

for (const javaScript of modes) {
  test(`${label(javaScript)}: /privacy states the current retention settings and each room's, in English and Chinese`, async () => {
    // Different values per run, so neither run can pass on what the other wrote.
    const days = javaScript ? 45 : 61;
    const roomDays = javaScript ? 12 : 17;
    await writeSetting(db, "retention.notifications_days", days);
    await writeSetting(db, "retention.closed_reports_days", days + 100);
    await db.update(chatRooms).set({ retentionDays: roomDays }).where(eq(chatRooms.slug, "lounge"));

    const watched = await guarded({ javaScript });
    const { page } = watched;
    const response = await page.goto(`${hearth.url}/privacy`);
    await settled(page, javaScript);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toBe("no-store");
    await page.getByRole("heading", { level: 1, name: "Your privacy on Hearth", exact: true }).waitFor();
    expect(await page.title()).toBe("Your privacy on Hearth · Hearth");
    expect(await kept(page, "notifications")).toContain(`Deleted after ${days} days.`);
    expect(await kept(page, "reports")).toContain(`deleted ${days + 100} days after they are closed.`);
    // The defaults of the settings left alone, and the session lifetime.
    expect(await kept(page, "audit")).toContain("Deleted after 365 days.");
    expect(await kept(page, "removals")).toContain("Deleted after 90 days.");
    expect(await kept(page, "rejected")).toContain("Deleted 30 days later.");
    expect(await kept(page, "sessions")).toContain("ends at most 30 days after you last used it");
    const rooms = await page.getByTestId("chat-retention").getByRole("listitem").allInnerTexts();
    expect(rooms).toContain(`Lounge: ${roomDays} days (open to every member)`);
    expect(rooms).toContain("Moderators' room: 30 days (for moderators and admins)");
    const text = await page.getByRole("main").innerText();
    for (const never of ["Your email address, phone number or real name.", "Your IP address", "Images."]) expect(text).toContain(never);
    expect(
      await page
        .getByRole("main")
        .getByRole("link", { name: /^You can download everything Hearth holds about you/ })
        .getAttribute("href"),
    ).toBe("/settings/privacy");

    // A setting changed while the page is open shows on the next visit.
    await writeSetting(db, "retention.notifications_days", days + 1);
    await visit(page, javaScript, `${hearth.url}/privacy`);
    expect(await kept(page, "notifications")).toContain(`Deleted after ${days + 1} days.`);

    const zh = await guarded({ javaScript, locale: "zh-CN" });
    await visit(zh.page, javaScript, `${hearth.url}/privacy`);
    await zh.page.getByRole("heading", { level: 1, name: "你在 Hearth 上的隐私", exact: true }).waitFor();
    expect(await kept(zh.page, "notifications")).toContain(`${days + 1} 天后删除。`);
    expect(await zh.page.getByTestId("chat-retention").getByRole("listitem").allInnerTexts()).toContain(`休息室：${roomDays} 天（对所有成员开放）`);
    expectStayedLocal(watched);
    expectStayedLocal(zh);
  });

  test(`${label(javaScript)}: every page's footer links /privacy, and /join does too`, async () => {
    const watched = await guarded({ javaScript });
    const { page } = watched;
    for (const path of ["/", "/forums", "/help", "/safety", "/login", "/join", "/search", "/privacy"]) {
      await visit(page, javaScript, `${hearth.url}${path}`);
      expect(await footerLink(page).getAttribute("href"), path).toBe("/privacy");
    }
    await visit(page, javaScript, `${hearth.url}/join`);
    expect(
      await page.getByRole("main").getByRole("link", { name: "What Hearth keeps about you, and what it never stores", exact: true }).getAttribute("href"),
    ).toBe("/privacy");
    // A page that does not exist, and one answered before React Router (a missing asset).
    for (const path of ["/no-such-page", "/assets/no-such-file.js"]) {
      const missing = await fetch(`${hearth.url}${path}`);
      expect(missing.status, path).toBe(404);
      expect(await missing.text(), path).toMatch(/<footer[^>]*>.*<a href="\/privacy"[^>]*>Privacy<\/a>/s);
    }
    await footerLink(page).click();
    await page.getByRole("heading", { level: 1, name: "Your privacy on Hearth", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/privacy");
    // Signed in, too (the header changes; the footer stays).
    const news = await memberWithNews(watched, javaScript);
    for (const path of ["/settings", "/notifications", news.threadUrl.slice(hearth.url.length)]) {
      await visit(page, javaScript, `${hearth.url}${path}`);
      expect(await footerLink(page).getAttribute("href"), path).toBe("/privacy");
    }
    expectStayedLocal(watched);
  });

  test(`${label(javaScript)}: discreet mode makes titles, icon and notifications neutral and the quick exit sign out; off again, all is as before`, async () => {
    const watched = await guarded({ javaScript });
    const { page, context } = watched;
    const news = await memberWithNews(watched, javaScript);
    const forumUrl = `${hearth.url}/f/support`;

    // Before: the real names, no icon, the count.
    await visit(page, javaScript, forumUrl);
    expect(await page.title()).toBe("Support · Hearth");
    await visit(page, javaScript, news.threadUrl);
    expect(await page.title()).toBe(`${news.title} · Hearth`);
    expect(await iconHref(page)).toBeNull();
    await page.getByRole("banner").getByRole("link", { name: "Notifications (1)", exact: true }).waitFor();

    // On, from the settings page's "On this device".
    await visit(page, javaScript, `${hearth.url}/settings`);
    await page.getByRole("heading", { level: 2, name: "On this device", exact: true }).waitFor();
    expect(await page.getByText("Discreet mode is off for this device.", { exact: true }).count()).toBe(1);
    await press(page, javaScript, page.getByRole("button", { name: "Turn discreet mode on", exact: true }));
    await page.getByText("Discreet mode is on for this device.", { exact: true }).waitFor();
    await settled(page, javaScript);
    expect(new URL(page.url()).pathname).toBe("/settings");
    await expect.poll(() => page.title()).toBe("Notes");
    const discreetCookie = (await context.cookies()).find((c) => c.name === "discreet");
    expect(discreetCookie).toMatchObject({ value: "on", httpOnly: true, sameSite: "Lax", path: "/" });
    expect(discreetCookie!.expires * 1000 - Date.now()).toBeGreaterThan(364 * 86_400_000);

    // Forum and thread: neutral titles, the thread's and forum's names nowhere in <head>.
    for (const url of [forumUrl, news.threadUrl]) {
      await visit(page, javaScript, url);
      expect(await page.title(), url).toBe("Notes");
      const head = await page.evaluate(() => document.head.innerHTML);
      expect(head).not.toContain(news.title);
      expect(head).not.toContain("Support");
      expect(head).not.toContain("Hearth");
      expect(await iconHref(page), url).toBe("/icons/notes.svg");
    }
    const icon = await context.request.get(`${hearth.url}/icons/notes.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toMatch(/^<svg /);
    if (javaScript) {
      // Moving around without reloading keeps it neutral.
      await page.getByRole("banner").getByRole("link", { name: "Forums", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Forums", exact: true }).waitFor();
      expect(await page.title()).toBe("Notes");
    }

    // Notifications: only "New activity", in the header and on the page.
    await visit(page, javaScript, `${hearth.url}/notifications`);
    expect(await page.getByRole("banner").getByRole("link", { name: "New activity", exact: true }).getAttribute("href")).toBe("/notifications");
    expect(await page.getByRole("banner").getByText("Notifications (1)").count()).toBe(0);
    const items = page.locator("ul.notifications > li");
    expect(await items.count()).toBe(1);
    expect(await items.first().getByRole("link").innerText()).toBe("New activity");
    const html = await page.content();
    expect(html).not.toContain(news.title);
    expect(html).not.toContain(news.other.pseudonym);

    // Quick exit now ends the session on the server, and leaves at once.
    const token = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!.value;
    expect(await sessionCount(news.memberId)).toBe(1);
    await page.getByRole("button", { name: "Emergency Exit this page", exact: true }).click();
    await page.waitForURL(DESTINATION);
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
    expect(await sessionCount(news.memberId)).toBe(0);
    // The old cookie, put back, opens nothing: /settings sends it to sign in.
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: hearth.url }]);
    await visit(page, javaScript, `${hearth.url}/settings`);
    expect(new URL(page.url()).pathname).toBe("/login");
    // The device keeps its choice: still discreet, signed out.
    expect(await page.title()).toBe("Notes");

    // Signed in again, off from /safety: everything as before, and quick exit no longer signs out.
    await submitSignIn(page, javaScript, news.pseudonym, GOOD_PASSPHRASE);
    await signedInAs(page, javaScript, news.pseudonym);
    await visit(page, javaScript, `${hearth.url}/safety`);
    await press(page, javaScript, page.getByRole("button", { name: "Turn discreet mode off", exact: true }));
    await page.getByText("Discreet mode is off for this device.", { exact: true }).waitFor();
    await settled(page, javaScript);
    expect(new URL(page.url()).pathname).toBe("/safety");
    expect((await context.cookies()).some((c) => c.name === "discreet")).toBe(false);
    await visit(page, javaScript, forumUrl);
    expect(await page.title()).toBe("Support · Hearth");
    await visit(page, javaScript, news.threadUrl);
    expect(await page.title()).toBe(`${news.title} · Hearth`);
    expect(await iconHref(page)).toBeNull();
    await page.getByRole("banner").getByRole("link", { name: "Notifications (1)", exact: true }).waitFor();
    await page.getByRole("button", { name: "Emergency Exit this page", exact: true }).click();
    await page.waitForURL(DESTINATION);
    expect(await sessionCount(news.memberId)).toBe(1);
    await visit(page, javaScript, `${hearth.url}/settings`);
    expect(new URL(page.url()).pathname).toBe("/settings");
    expectStayedLocal(watched);
  });

  test(`${label(javaScript)}: signed out, discreet mode goes on from /safety, in Chinese too`, async () => {
    const watched = await guarded({ javaScript, locale: "zh-CN" });
    const { page, context } = watched;
    await visit(page, javaScript, `${hearth.url}/safety`);
    expect(await page.title()).toBe("快速离开与保护自己 · Hearth 炉边");
    await press(page, javaScript, page.getByRole("button", { name: "开启隐蔽模式", exact: true }));
    await page.getByText("这台设备已开启隐蔽模式。", { exact: true }).waitFor();
    await settled(page, javaScript);
    expect(new URL(page.url()).pathname).toBe("/safety");
    await expect.poll(() => page.title()).toBe("笔记");
    for (const path of ["/help", "/privacy", "/forums"]) {
      await visit(page, javaScript, `${hearth.url}${path}`);
      expect(await page.title(), path).toBe("笔记");
      expect(await iconHref(page), path).toBe("/icons/notes.svg");
    }
    // Only the preference: no session, nothing else.
    expect((await context.cookies()).map((c) => c.name)).toEqual(["discreet"]);
    expectStayedLocal(watched);
  });
}

test("the switch takes only on or off and a path of this site; a link elsewhere cannot sign out through discreet mode", async () => {
  const visitor = new Browserless(hearth.url);
  expect((await visitor.post("/discreet", { discreet: "on", returnTo: "//evil.example" })).status).toBe(400);
  expect(visitor.cookies.has("discreet")).toBe(false);
  const sideways = await visitor.post("/discreet", { discreet: "maybe", returnTo: "/help" });
  expect([sideways.status, sideways.headers.get("location"), visitor.cookies.has("discreet")]).toEqual([302, "/help", false]);
  const from = await visitor.post("/discreet", { discreet: "on", returnTo: "/help" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
  expect(from.status).toBe(403);
  expect(visitor.cookies.has("discreet")).toBe(false);

  // A member in discreet mode who follows a link to /exit from another site stays signed in.
  const { memberId, pseudonym, sessionId } = await viewerFor(db);
  await db.delete(sessions).where(eq(sessions.id, sessionId));
  const member = new Browserless(hearth.url);
  expect((await member.post("/login", { pseudonym, password: GOOD_PASSPHRASE })).status).toBe(302);
  expect((await member.post("/discreet", { discreet: "on", returnTo: "/" })).status).toBe(302);
  expect(member.cookies.get("discreet")).toBe("on");
  const elsewhere = await member.get("/exit", { "sec-fetch-site": "cross-site" });
  expect([elsewhere.status, elsewhere.headers.get("clear-site-data")]).toEqual([303, null]);
  expect(await sessionCount(memberId)).toBe(1);
  // From Hearth's own page it signs out, keeping the device's choices (not "cookies").
  const out = await member.get("/exit", { "sec-fetch-site": "same-origin" });
  expect([out.status, out.headers.get("location"), out.headers.get("clear-site-data")]).toEqual([303, DESTINATION, '"cache", "storage"']);
  expect(await sessionCount(memberId)).toBe(0);
  expect(member.cookies.has(SESSION_COOKIE)).toBe(false);
  const [row] = await db.select({ signsOut: members.quickExitSignsOut }).from(members).where(eq(members.id, memberId));
  expect(row!.signsOut).toBe(false);
});

test("/privacy, and /safety and /settings with their discreet-mode switch, have no serious or critical axe violations", async () => {
  const found: Record<string, unknown> = {};
  for (const locale of ["en-GB", "zh-CN"]) {
    const watched = await guarded({ javaScript: true, locale });
    for (const path of ["/privacy", "/safety"]) {
      await visit(watched.page, true, `${hearth.url}${path}`);
      const violations = await seriousViolations(watched.page);
      if (violations.length > 0) found[`${path} (${locale})`] = violations;
    }
  }
  const watched = await guarded({ javaScript: true });
  await memberWithNews(watched, true);
  for (const path of ["/privacy", "/settings", "/notifications"]) {
    await visit(watched.page, true, `${hearth.url}${path}`);
    const violations = await seriousViolations(watched.page);
    if (violations.length > 0) found[`${path} (signed in)`] = violations;
  }
  expect(found).toEqual({});
});
