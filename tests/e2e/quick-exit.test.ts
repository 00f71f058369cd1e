// Quick exit in real Chromium (issue 4; docs/safety.md QE1–QE5): the button and links with JavaScript
// on and off, Shift ×3 and what resets it, Back after leaving, the restored page, the Chinese
// strings, and axe on the safety pages. Nothing leaves this machine: the real destinations are
// other origins, and Playwright does not route the hop of a redirect the browser follows itself
// (it would look the name up), so this server's quick_exit.url is set to a page of its own; the
// default destinations are checked over HTTP in tests/integration/safety.test.ts. Every other
// request off Hearth's origin is refused.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { writeSetting } from "#server/settings/store.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { seriousViolations } from "./axe.ts";
import { browserForThisFile, openContext, settled, type Watched } from "./browser.ts";
import { visit } from "./steps.ts";

const browser = browserForThisFile();
const hearth = await startTestHearth();
const origin = new URL(hearth.url).origin;
const DESTINATION = `${hearth.url}/elsewhere`;
await writeSetting(hearth.database.db, "quick_exit.url", DESTINATION);

/** A context whose requests stay on this machine. `exit: "stay"` answers /exit with 204, so the
 *  page is left as the exit's first moment left it (as a slow or failed exit would). */
async function guarded(opts: { javaScript: boolean; locale?: string; exit?: "pass" | "stay" }) {
  const watched = await openContext(await browser(), { javaScript: opts.javaScript, locale: opts.locale });
  await watched.context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin) return route.abort();
    if (url.pathname === "/exit" && opts.exit === "stay") return route.fulfill({ status: 204 });
    return route.continue();
  });
  return watched;
}

/** Landed where quick exit sends people (here, a page of this server that does not exist). */
async function left(page: Page, heading = "Page not found") {
  await page.waitForURL(DESTINATION);
  await page.getByRole("heading", { name: heading, exact: true }).waitFor();
}

const status = (page: Page) => page.locator(".exit-this-page [role=status]").textContent();
const exitButton = (page: Page, name = "Emergency Exit this page") => page.getByRole("button", { name, exact: true });

function expectStayedLocal(watched: Watched) {
  expect(watched.foreignRequests(origin)).toEqual([]);
  expect(watched.cspViolations()).toEqual([]);
}

test("JavaScript on: the button blanks the page at once and shows the alert, then leaves by replacing the page", async () => {
  // With /exit answered 204 the page stays as the click left it: nothing of Hearth, only the alert.
  const staying = await guarded({ javaScript: true, exit: "stay" });
  await visit(staying.page, true, `${hearth.url}/safety`);
  await exitButton(staying.page).click();
  const alert = staying.page.getByRole("alert");
  await expect.poll(() => alert.textContent()).toBe("Loading.");
  expect(await alert.isVisible()).toBe(true);
  for (const part of ["main", "header", ".exit-this-page", ".skip-link"]) expect(await staying.page.locator(part).first().isVisible(), part).toBe(false);
  expectStayedLocal(staying);

  const watched = await guarded({ javaScript: true });
  const { page } = watched;
  await visit(page, true, `${hearth.url}/help`);
  await visit(page, true, `${hearth.url}/safety`);
  const depth = await page.evaluate(() => history.length);
  await exitButton(page).click();
  await left(page);
  // location.replace: the page left is gone from history; Back goes to the one before it.
  expect(await page.evaluate(() => history.length)).toBe(depth);
  await page.goBack();
  await page.waitForURL(`${hearth.url}/help`);
  await page.getByRole("heading", { name: "Get help now", exact: true }).waitFor();
  expect(watched.requests.filter((url) => url.endsWith("/exit"))).toHaveLength(1);
  expectStayedLocal(watched);
});

test("JavaScript off: the button and the secondary link are plain links through /exit", async () => {
  const watched = await guarded({ javaScript: false });
  const { page } = watched;
  await visit(page, false, `${hearth.url}/login`);
  await exitButton(page).click();
  await left(page);
  expect(watched.requests).toContain(`${hearth.url}/exit`);

  // From the keyboard: the skip link, then "Exit this page".
  await visit(page, false, `${hearth.url}/join`);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.getAttribute("href")])).toEqual(["Exit this page", "/exit"]);
  await page.keyboard.press("Enter");
  await left(page);
  expectStayedLocal(watched);
});

test("Shift three times exits, announcing each press; the secondary link works with JavaScript too", async () => {
  const watched = await guarded({ javaScript: true });
  const { page } = watched;
  await visit(page, true, `${hearth.url}/safety`);
  await page.keyboard.press("Shift");
  await expect.poll(() => status(page)).toBe("Shift, press 2 more times to exit.");
  expect(await page.locator(".exit-this-page-dot.lit").count()).toBe(1);
  await page.keyboard.press("Shift");
  await expect.poll(() => status(page)).toBe("Shift, press 1 more time to exit.");
  await page.keyboard.press("Shift");
  await left(page);

  await visit(page, true, `${hearth.url}/help`);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await left(page);
  expectStayedLocal(watched);
});

test("gaps up to 5 s exit; a 5.1 s gap, another key or Shift with a letter reset; left and right Shift mix", async () => {
  const watched = await guarded({ javaScript: true, exit: "stay" });
  const { page } = watched;
  await page.clock.install();
  await visit(page, true, `${hearth.url}/welcome`);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  const stillHere = () => page.locator("main").isVisible();

  // 5.1 s between presses: expired, and two more presses are not enough.
  await page.keyboard.press("Shift");
  await page.clock.runFor(5_100);
  await expect.poll(() => status(page)).toBe("Exit this page expired.");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await expect.poll(() => status(page)).toBe("Shift, press 1 more time to exit.");
  expect(await stillHere()).toBe(true);
  await page.keyboard.press("a");
  await expect.poll(() => status(page)).toBe("Exit this page expired.");

  // Another key in between.
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Shift");
  await expect.poll(() => status(page)).toBe("Shift, press 2 more times to exit.");
  await page.keyboard.press("x");

  // Shift as a modifier never counts: Shift released before the letter, then Shift+A, Shift+Tab.
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.down("Shift");
  await page.keyboard.down("A");
  await page.keyboard.up("Shift");
  expect(await stillHere()).toBe(true);
  await page.keyboard.up("A");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift+A");
  await page.keyboard.press("Shift+Tab");
  expect(await stillHere()).toBe(true);
  await expect.poll(() => status(page)).toBe("Exit this page expired.");

  // 4.9 s gaps, left and right Shift mixed: gone.
  await page.keyboard.press("ShiftLeft");
  await page.clock.runFor(4_900);
  await page.keyboard.press("ShiftRight");
  await page.clock.runFor(4_900);
  await page.keyboard.press("ShiftLeft");
  await expect.poll(() => page.getByRole("alert").textContent()).toBe("Loading.");
  expect(await stillHere()).toBe(false);
  // No timer is left running after the exit: nothing "expires" later (an expiry would be
  // announced for 5 s, so look within that time, then well after).
  await page.clock.runFor(6_000);
  expect(await status(page)).toBe("");
  await page.clock.runFor(20_000);
  expect(await status(page)).toBe("");
  expectStayedLocal(watched);
});

test("pageshow gives back a usable page with the count at zero", async () => {
  const watched = await guarded({ javaScript: true, exit: "stay" });
  const { page } = watched;
  await visit(page, true, `${hearth.url}/help`);
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await expect.poll(() => page.getByRole("alert").textContent()).toBe("Loading.");
  expect(await page.locator("main").isVisible()).toBe(false);

  // What the browser fires when the page comes back from the back-forward cache.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })));
  await page.locator("main").waitFor({ state: "visible" });
  expect(await page.getByRole("alert").count()).toBe(0);
  await expect.poll(() => status(page)).toBe("");
  await page.keyboard.press("Shift");
  await expect.poll(() => status(page)).toBe("Shift, press 2 more times to exit.");
  await page.keyboard.press("Shift");
  expect(await page.locator("main").isVisible()).toBe(true);
  await page.keyboard.press("Shift");
  await expect.poll(() => page.locator("main").isVisible()).toBe(false);
  expectStayedLocal(watched);
});

test("in Chinese: the label, the spoken counts, the expiry and the alert", async () => {
  const watched = await guarded({ javaScript: true, locale: "zh-CN", exit: "stay" });
  const { page } = watched;
  await visit(page, true, `${hearth.url}/`);
  await exitButton(page, "紧急 离开此页面").waitFor();
  await page.keyboard.press("Shift");
  await expect.poll(() => status(page)).toBe("再按 2 次 Shift 键即可离开。");
  await page.keyboard.press("Shift");
  await expect.poll(() => status(page)).toBe("再按 1 次 Shift 键即可离开。");
  await page.keyboard.press("Enter");
  await expect.poll(() => status(page)).toBe("快速离开已超时。");
  await exitButton(page, "紧急 离开此页面").click();
  await expect.poll(() => page.getByRole("alert").textContent()).toBe("正在加载。");
  expectStayedLocal(watched);
});

test("with the Shift shortcut turned off on this device, Shift does nothing and the button still works", async () => {
  const watched = await guarded({ javaScript: true });
  const { page } = watched;
  await visit(page, true, `${hearth.url}/safety`);
  await page.getByRole("button", { name: "Turn the Shift shortcut off", exact: true }).click();
  await page.getByText("The Shift shortcut is off for this device.", { exact: true }).waitFor();
  await settled(page, true);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift");
  await expect.poll(() => status(page)).toBe("");
  expect(await page.locator("main").isVisible()).toBe(true);
  await exitButton(page).click();
  await left(page);
  expectStayedLocal(watched);
});

test("/help, /safety and /welcome have no serious or critical axe violations, in English and Chinese", async () => {
  const found: Record<string, unknown> = {};
  for (const locale of ["en-GB", "zh-CN"]) {
    const { page } = await guarded({ javaScript: true, locale });
    for (const path of ["/help", "/help?list=zh-Hans", "/safety", "/welcome"]) {
      await visit(page, true, `${hearth.url}${path}`);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[`${path} (${locale})`] = violations;
    }
  }
  expect(found).toEqual({});
});
