// Recovery codes are shown once. Switching language on the page that shows them (after joining,
// or after making new ones in settings) must show the same ten codes again in the new language,
// not lose them. In Chromium with JavaScript on and off. Codes that are not the member's current
// ten (tests/integration/codes-language.test.ts) are never shown back.
import type { Page } from "playwright-core";
import { expect, onTestFinished, test } from "vitest";
import { startTestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, failOnPageErrors, settled } from "./browser.ts";
import { joinedPerson, press, visit } from "./steps.ts";

const browser = browserForThisFile();
const PASSPHRASE = "quiet harbour under morning fog";
const shownCodes = (page: Page) => page.locator("ol[data-testid=recovery-codes] code").allTextContents();

/** Presses a language in the header and waits for the codes page to come back in it. */
async function switchLanguage(page: Page, javaScript: boolean, button: string, heading: string) {
  await press(page, javaScript, page.getByRole("banner").getByRole("button", { name: button, exact: true }));
  await page.getByRole("heading", { name: heading, exact: true }).waitFor();
  await settled(page, javaScript);
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? "JavaScript on" : "JavaScript off";
  test(`${mode}: switching language on a recovery codes page keeps the same codes on the screen`, { timeout: 120_000 }, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const person = await joinedPerson(await browser(), hearth.url, javaScript, "Heron", PASSPHRASE);
    failOnPageErrors(person);
    const { page } = person;
    await settled(page, javaScript);
    const codes = await shownCodes(page);
    expect(codes).toHaveLength(10);

    // Just joined: 中文, then back to English, and the codes never leave the screen.
    await switchLanguage(page, javaScript, "中文", "你的恢复码");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-Hans");
    expect(await shownCodes(page)).toEqual(codes);
    await switchLanguage(page, javaScript, "English", "Your recovery codes");
    expect(await shownCodes(page)).toEqual(codes);
    // (The header said "Signed in" on the codes page already: wait for the next page itself.)
    await page.getByRole("link", { name: "I have kept my codes — continue", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/welcome");
    await page.getByRole("banner").getByText(`Signed in as ${person.pseudonym}`, { exact: true }).waitFor();

    // New codes made in settings: the same after a switch, and "continue" leads back to settings.
    await visit(page, javaScript, `${hearth.url}/settings`);
    await page.locator("#codes-current").fill(PASSPHRASE);
    await press(page, javaScript, page.getByRole("button", { name: "Make new recovery codes", exact: true }));
    await page.getByRole("heading", { name: "Your recovery codes", exact: true }).waitFor();
    await settled(page, javaScript);
    const fresh = await shownCodes(page);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => codes.includes(code))).toBe(false);
    await switchLanguage(page, javaScript, "中文", "你的恢复码");
    expect(await shownCodes(page)).toEqual(fresh);
    await page.getByRole("link", { name: "我已保存恢复码，继续", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/settings");
    await page.getByRole("heading", { name: "设置", exact: true }).waitFor();

    expect(person.foreignRequests(hearth.url)).toEqual([]);
    expect(person.cspViolations()).toEqual([]);
  });
}
