// Steps of the evidence log's journeys (tests/e2e/evidence-journeys.test.ts), in the words on the
// screen: filtering the timeline, downloading a file, the time zone a browser elsewhere starts
// at, that no link the member wrote is an <a>, and axe with JavaScript on or off.
import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect, onTestFinished } from "vitest";
import { seriousViolations, type Finding } from "./axe.ts";
import { openContext, settled } from "./browser.ts";

/** Links the member wrote are shown as text (somewhere on the page) and are never inside an <a>. */
export async function noLinkIsAnAnchor(page: Page, links: string[]) {
  const html = await page.content();
  const anchors = html.match(/<a\b[\s\S]*?<\/a>/gi) ?? [];
  for (const link of links) {
    const escaped = link.replace(/&/g, "&amp;");
    expect(anchors.filter((a) => a.includes(escaped) || a.includes(link))).toEqual([]);
    expect(html).toContain(escaped);
  }
}

/** Chooses filters in the timeline's "Show only" form (a GET form) and waits for the new list. */
export async function filterBy(page: Page, javaScript: boolean, choice: { platform?: string; status?: string }) {
  const filter = page.getByRole("group", { name: "Show only", exact: true });
  if (choice.platform !== undefined) await filter.getByLabel("Platform", { exact: true }).selectOption(choice.platform);
  if (choice.status !== undefined) await filter.getByLabel("Where things stand", { exact: true }).selectOption(choice.status);
  const platform = await filter.getByLabel("Platform", { exact: true }).inputValue();
  const status = await filter.getByLabel("Where things stand", { exact: true }).inputValue();
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get("platform") === platform && url.searchParams.get("status") === status),
    filter.getByRole("button", { name: "Show", exact: true }).click(),
  ]);
  await settled(page, javaScript);
}

/** Follows a download link and returns the file's text, after checking its name. */
export async function download(page: Page, name: string, filename: RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name, exact: true }).click()]);
  expect(file.suggestedFilename()).toMatch(filename);
  return readFile((await file.path())!, "utf8");
}

/** The time zone the new-entry form starts at in a browser set to `zone` (the same member). */
export async function zoneChosenIn(browser: Browser, zone: string, signedIn: BrowserContext, url: string) {
  const context = await browser.newContext({ javaScriptEnabled: true, timezoneId: zone, locale: "en-GB" });
  onTestFinished(() => context.close());
  await context.addCookies(await signedIn.cookies());
  const page = await context.newPage();
  await page.goto(url);
  await settled(page, true);
  const select = page.getByLabel("Time zone", { exact: true });
  await expect.poll(() => select.inputValue()).not.toBe("Asia/Shanghai");
  return select.inputValue();
}

/**
 * axe runs in the page and needs script (its work is scheduled with timers). Without JavaScript,
 * the page's HTML as that browser received it — Hearth's scripts taken out, nothing else changed —
 * is served at the same address to a page that runs axe alone (as tests/e2e/chat-journeys.test.ts
 * does), so the styles and the contrast are the real ones.
 */
export async function axeOn(browser: Browser, page: Page, javaScript: boolean): Promise<Finding[]> {
  if (javaScript) return seriousViolations(page);
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "").replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, "");
  const { page: checker } = await openContext(browser, { javaScript: true });
  const url = page.url().split("#")[0]!;
  await checker.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await checker.goto(url);
  await checker.waitForLoadState("load");
  return seriousViolations(checker);
}
