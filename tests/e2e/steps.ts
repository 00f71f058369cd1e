// Steps a person takes in the browser, written in the words on the screen. Each waits for what
// the person would see next, so the same step works with JavaScript on (React Router navigates
// with fetch) and off (the browser submits a plain form and loads a new page).
import { randomInt } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { openContext, settled, type Watched } from "./browser.ts";

/** A pseudonym no other test uses: letters then fewer than seven digits (so not a phone number). */
export function freshPseudonym(prefix = "Walker") {
  return `${prefix}${randomInt(100_000, 999_999)}`;
}

export async function visit(page: Page, javaScript: boolean, url: string) {
  await page.goto(url);
  await settled(page, javaScript);
}

/**
 * Clicks a submit button and waits until the server has answered: with JavaScript off, until
 * the new page has loaded; with it on, until React Router's POST has come back (the caller then
 * waits for the words the person should see).
 */
export async function press(page: Page, javaScript: boolean, button: Locator) {
  // The composer's live preview POSTs to /preview as one types: its answer is not the form's.
  const isSubmission = (r: { request(): { method(): string }; url(): string }) => r.request().method() === "POST" && new URL(r.url()).pathname !== "/preview";
  if (javaScript) await Promise.all([page.waitForResponse(isSubmission), button.click()]);
  else await Promise.all([page.waitForEvent("load"), button.click()]);
}

/** Fills the sign-up form on the current page and submits it. */
export async function submitJoin(page: Page, javaScript: boolean, details: { pseudonym: string; passphrase: string; again?: string }) {
  await page.getByLabel("Pseudonym", { exact: true }).fill(details.pseudonym);
  await page.getByLabel("Passphrase", { exact: true }).fill(details.passphrase);
  await page.getByLabel("Type the passphrase again", { exact: true }).fill(details.again ?? details.passphrase);
  await press(page, javaScript, page.getByRole("main").getByRole("button", { name: "Join", exact: true }));
}

/** The recovery codes page after joining: waits for it and returns the codes it lists. */
export async function recoveryCodesShown(page: Page) {
  await page.getByRole("heading", { name: "Your recovery codes", exact: true }).waitFor();
  return page.locator("ol[data-testid=recovery-codes] code").allTextContents();
}

/** Waits until the header says who is signed in. */
export async function signedInAs(page: Page, javaScript: boolean, pseudonym: string) {
  await page.getByRole("banner").getByText(`Signed in as ${pseudonym}`, { exact: true }).waitFor();
  await settled(page, javaScript);
}

/** Uses the header's "Sign out" button and waits for the sign-in page that confirms it. */
export async function signOut(page: Page, javaScript: boolean) {
  await press(page, javaScript, page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }));
  await page.getByRole("status").getByText("You have signed out.", { exact: true }).waitFor();
  await settled(page, javaScript);
  expect(new URL(page.url()).pathname).toBe("/login");
  expect(await page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true }).isVisible()).toBe(true);
}

/** Fills and submits the sign-in form on the current page. */
export async function submitSignIn(page: Page, javaScript: boolean, pseudonym: string, passphrase: string) {
  await page.getByLabel("Pseudonym", { exact: true }).fill(pseudonym);
  await page.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await press(page, javaScript, page.getByRole("main").getByRole("button", { name: "Sign in", exact: true }));
}

/** Waits for the error summary (announced to screen readers, role=alert) and returns its text. */
export async function errorSummary(page: Page) {
  const alert = page.getByRole("alert");
  await alert.waitFor();
  return (await alert.innerText()).replace(/\s+/g, " ").trim();
}

/** A new person in a browser context of their own: a real sign-up through /join, up to the
 *  recovery codes shown (what they do next is the journey's). */
export async function joinedPerson(browser: Browser, url: string, javaScript: boolean, prefix: string, passphrase: string) {
  const watched: Watched = await openContext(browser, { javaScript });
  const pseudonym = freshPseudonym(prefix);
  await visit(watched.page, javaScript, `${url}/join`);
  await submitJoin(watched.page, javaScript, { pseudonym, passphrase });
  await recoveryCodesShown(watched.page);
  return { ...watched, pseudonym, javaScript };
}
