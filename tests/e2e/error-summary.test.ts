// Issue 8: every link in a form's error summary lands on its field. In Chromium, with JavaScript
// on and off, each form is sent with mistakes; then, keyboard only, each link in the summary is
// reached with Tab and followed with Enter, and focus must be on the field the link names.
import type { Page } from "playwright-core";
import { expect, onTestFinished, test } from "vitest";
import { startThread, replyTo, viewerFor } from "#tests/helpers/forums.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, openContext, settled } from "./browser.ts";
import { press, submitSignIn, visit } from "./steps.ts";
import { REPORT_REASONS } from "#app/contracts/reports.ts";

const browser = browserForThisFile();

/** Lets the browser send what its own checks would stop (empty required fields, long text), so
 *  the server's messages are the ones shown. */
async function dropBrowserChecks(page: Page) {
  await page.locator("[required], [maxlength]").evaluateAll((elements) => {
    for (const element of elements) {
      element.removeAttribute("required");
      element.removeAttribute("maxlength");
    }
  });
}

/** Follows every link of the error summary by keyboard; returns the ids it landed on. */
async function followSummaryLinks(page: Page) {
  const summary = page.locator(".error-summary");
  await summary.waitFor();
  const links = summary.locator("a");
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.length, "the summary has links").toBeGreaterThan(0);
  const landed: string[] = [];
  for (const [index, href] of hrefs.entries()) {
    expect(href, "an in-page link").toMatch(/^#.+/);
    const id = href.slice(1);
    expect(await page.locator(`[id="${id}"]`).count(), `exactly one element has id ${id}`).toBe(1);
    // The summary itself takes focus (tabindex=-1); the links follow it in tab order.
    await summary.focus();
    for (let i = 0; i <= index; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href")), "Tab reached the link").toBe(href);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? ""), { timeout: 3_000 }).toBe(id);
    // Arriving must not wipe the messages (with JavaScript, a hash navigation would).
    expect(await summary.isVisible(), "the summary is still shown").toBe(true);
    landed.push(id);
  }
  return landed;
}

for (const javaScript of [true, false]) {
  test(`${javaScript ? "JavaScript on" : "JavaScript off"}: every error summary link moves focus to its field`, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const db = hearth.database.db;
    const me = await viewerFor(db);
    const other = await viewerFor(db);
    const { threadId, postId: theirs } = await startThread(db, other.viewer, { title: "A thread to answer" });
    const mine = await replyTo(db, me.viewer, threadId, "A reply I will edit.");
    const { page } = await openContext(await browser(), { javaScript });
    const url = hearth.url;

    // Joining: a name too short, then passphrases that differ.
    await visit(page, javaScript, `${url}/join`);
    await page.getByLabel("Pseudonym", { exact: true }).fill("ab");
    await page.getByLabel("Passphrase", { exact: true }).fill("soft rain on slate roofs");
    await page.getByLabel("Type the passphrase again", { exact: true }).fill("soft rain on slate roofs");
    await press(page, javaScript, page.getByRole("main").getByRole("button", { name: "Join", exact: true }));
    expect(await followSummaryLinks(page)).toContain("pseudonym");
    await page.getByLabel("Pseudonym", { exact: true }).fill("Summary Walker");
    await page.getByLabel("Passphrase", { exact: true }).fill("soft rain on slate roofs");
    await page.getByLabel("Type the passphrase again", { exact: true }).fill("soft rain on slate rofs");
    await press(page, javaScript, page.getByRole("main").getByRole("button", { name: "Join", exact: true }));
    expect(await followSummaryLinks(page)).toContain("confirmPassword");

    // Recovering without a code.
    await visit(page, javaScript, `${url}/recover`);
    await dropBrowserChecks(page);
    await page.getByLabel("Pseudonym", { exact: true }).fill(me.pseudonym);
    await page.locator("#password").fill("soft rain on slate roofs");
    await page.locator("#confirmPassword").fill("soft rain on slate roofs");
    await press(page, javaScript, page.getByRole("main").getByRole("button", { name: "Set new passphrase", exact: true }));
    expect(await followSummaryLinks(page)).toContain("code");

    await visit(page, javaScript, `${url}/login`);
    await submitSignIn(page, javaScript, me.pseudonym, me.password);
    await page.getByRole("banner").getByText(`Signed in as ${me.pseudonym}`, { exact: true }).waitFor();

    // Settings: both forms ask for the current passphrase, under different ids.
    await visit(page, javaScript, `${url}/settings`);
    await press(page, javaScript, page.locator("form", { has: page.locator("#confirmPassword") }).getByRole("button"));
    expect(await followSummaryLinks(page)).toContain("current");
    await visit(page, javaScript, `${url}/settings`);
    await press(page, javaScript, page.locator("form", { has: page.locator("#codes-current") }).getByRole("button"));
    expect(await followSummaryLinks(page)).toEqual(["codes-current"]);

    // The composer, in its three modes.
    await visit(page, javaScript, `${url}/f/support/new`);
    await dropBrowserChecks(page);
    await page.locator("#thread-contentWarning").fill("w".repeat(300));
    await press(page, javaScript, page.getByRole("button", { name: "Start thread", exact: true }));
    const threadIds = await followSummaryLinks(page);
    expect(threadIds).toEqual(expect.arrayContaining(["thread-title", "thread-body"]));
    for (const id of threadIds) expect(id).toMatch(/^thread-/);

    await visit(page, javaScript, `${url}/t/${threadId}`);
    await dropBrowserChecks(page);
    await press(page, javaScript, page.getByRole("button", { name: "Post reply", exact: true }));
    expect(await followSummaryLinks(page)).toContain("reply-body");

    await visit(page, javaScript, `${url}/p/${mine.postId}/edit`);
    await dropBrowserChecks(page);
    await page.locator("#edit-body").fill("");
    await press(page, javaScript, page.getByRole("button", { name: "Save changes", exact: true }));
    expect(await followSummaryLinks(page)).toContain("edit-body");

    // Reporting without a reason: the link lands on the first reason.
    await visit(page, javaScript, `${url}/p/${theirs}/report`);
    await dropBrowserChecks(page);
    await press(page, javaScript, page.getByRole("button", { name: "Send the report", exact: true }));
    expect(await followSummaryLinks(page)).toEqual([`reason-${REPORT_REASONS[0]}`]);
    await settled(page, javaScript);
  });
}
