// The composer's live preview in Chromium (decision 019): a moment after typing stops, the server's
// rendering of the post appears, with the media guard's notice when an image was in it; nothing is
// fetched from the image's address; a preview does not make the page load its data again; and a
// post sent straight after typing (before any preview could answer) lands on its thread's page.
import { expect, onTestFinished, test } from "vitest";
import { startTestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, failOnPageErrors, settled } from "./browser.ts";
import { joinedPerson, press, visit } from "./steps.ts";

const browser = browserForThisFile();
const PASSPHRASE = "amber lanterns over quiet water";

test("with JavaScript on, the preview follows the typing, says an image was removed, and reloads nothing", { timeout: 120_000 }, async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const person = await joinedPerson(await browser(), hearth.url, true, "Sorrel", PASSPHRASE);
  failOnPageErrors(person);
  const { page } = person;
  await page.getByRole("link", { name: "I have kept my codes — continue", exact: true }).click();
  await settled(page, true);

  await visit(page, true, `${hearth.url}/f/support/new`);
  const asked: string[] = [];
  page.on("request", (r) => asked.push(`${r.method()} ${new URL(r.url()).pathname}`));
  await page.getByLabel("Your post", { exact: true }).fill("Some **bold** words ![me](https://images.example.org/me.png)");
  const preview = page.locator("section.preview");
  await preview.locator("strong", { hasText: "bold" }).waitFor();
  expect(await preview.innerText()).toContain("An image was removed from what you wrote");
  expect(await preview.locator("img, svg, picture").count()).toBe(0);
  // Only the preview itself was asked: not the page's data, not the image.
  expect(asked.filter((a) => !a.startsWith("GET /socket.io/") && !a.startsWith("POST /socket.io/"))).toEqual(["POST /preview"]);

  await page.getByLabel("Your post", { exact: true }).fill("Some *other* words");
  await preview.locator("em", { hasText: "other" }).waitFor();
  expect(await preview.innerText()).not.toContain("An image was removed");

  // Typed and previewed with the button at once: the page's own preview of the new text shows,
  // not the live one of the text before.
  await page.getByLabel("Your post", { exact: true }).fill("Third text, **now**");
  await press(page, true, page.getByRole("button", { name: "Preview", exact: true }));
  await preview.locator("strong", { hasText: "now" }).waitFor();
  expect(await preview.innerText()).not.toContain("other");

  // Typed and sent at once: the preview that was due is not sent, and the thread's page comes.
  const title = "Sent before any preview";
  await visit(page, true, `${hearth.url}/f/support/new`);
  asked.length = 0;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Your post", { exact: true }).fill("Straight away");
  await press(page, true, page.getByRole("button", { name: "Start thread", exact: true }));
  await page.getByRole("heading", { name: title, level: 1, exact: true }).waitFor();
  await page.waitForTimeout(600);
  expect(asked).not.toContain("POST /preview");
  expect(person.foreignRequests(hearth.url)).toEqual([]);
});
