// The member's data page in Chromium (issue 12), with JavaScript on and again off: a member joins,
// writes something, opens /settings/privacy, reads what the download holds and that their
// evidence log will be in it, and downloads both files with the plain links. The JSON file is
// whole; the HTML file, opened from disk, shows the member's words, makes no request at all and
// prints no error (its own CSP allows nothing to load). No request leaves Hearth's origin; axe
// finds nothing serious on the page.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, onTestFinished, test } from "vitest";
import { startTestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, openContext, settled } from "./browser.ts";
import { axeOn } from "./evidence-steps.ts";
import { freshPseudonym, press, recoveryCodesShown, signedInAs, submitJoin, visit } from "./steps.ts";

const browser = browserForThisFile();
const PASSPHRASE = "amber lanterns over quiet water";

for (const javaScript of [true, false]) {
  const mode = javaScript ? "JavaScript on" : "JavaScript off";
  test(`${mode}: a member downloads everything Hearth holds about them, as JSON and as a page`, { timeout: 180_000 }, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const folder = await mkdtemp(path.join(os.tmpdir(), "hearth-privacy-e2e-"));
    onTestFinished(() => rm(folder, { recursive: true, force: true }));
    const watched = await openContext(await browser(), { javaScript });
    const { page } = watched;
    await visit(page, javaScript, `${hearth.url}/join`);
    const pseudonym = freshPseudonym("Juniper");
    await submitJoin(page, javaScript, { pseudonym, passphrase: PASSPHRASE });
    await recoveryCodesShown(page);
    await page.getByRole("link", { name: "I have kept my codes — continue", exact: true }).click();
    await signedInAs(page, javaScript, pseudonym);

    // Something of theirs to find in the files.
    const words = `My first thread ${randomUUID().slice(0, 8)}`;
    await visit(page, javaScript, `${hearth.url}/f/support/new`);
    await page.getByLabel("Title", { exact: true }).fill(words);
    await page.getByLabel("Your post", { exact: true }).fill(`Hello from ${pseudonym} <script>alert(1)</script>`);
    await press(page, javaScript, page.getByRole("button", { name: "Start thread", exact: true }));
    await page.getByRole("heading", { name: words, level: 1 }).waitFor();

    await visit(page, javaScript, `${hearth.url}/settings/privacy`);
    await page.getByRole("heading", { name: "Your data", level: 1, exact: true }).waitFor();
    await settled(page, javaScript);
    const main = await page.locator("main").innerText();
    for (const line of ["What the download holds", "Your posts: what you wrote", "Your evidence log is open in this session", "What it leaves out, and why"])
      expect(main).toContain(line);
    expect(await axeOn(await browser(), page, javaScript)).toEqual([]);

    const save = async (name: string, filename: RegExp, as: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name, exact: true }).click()]);
      expect(file.suggestedFilename()).toMatch(filename);
      const saved = path.join(folder, as);
      await file.saveAs(saved);
      return saved;
    };
    const json = JSON.parse(await readFile(await save("Download as JSON (for other programs)", /^hearth-data-\d{4}-\d{2}-\d{2}\.json$/, "data.json"), "utf8"));
    expect(json).toMatchObject({ kind: "hearth-member-export", complete: true, profile: { pseudonym }, evidenceLog: { included: true } });
    expect(json.threads.map((t: { title: string }) => t.title)).toEqual([words]);
    const htmlFile = await save("Download as a web page (to read or print)", /^hearth-data-\d{4}-\d{2}-\d{2}\.html$/, "data.html");
    expect(new URL(page.url()).pathname).toBe("/settings/privacy");

    // The page, opened from disk as the member would open it: readable, and inert.
    const before = watched.requests.length;
    const reader = await watched.context.newPage();
    await reader.goto(`file://${htmlFile}`);
    await reader.getByRole("heading", { name: "Your data on Hearth", level: 1, exact: true }).waitFor();
    const text = await reader.locator("main").innerText();
    expect(text).toContain(words);
    expect(text).toContain(`Hello from ${pseudonym} <script>alert(1)</script>`);
    expect(text).toContain("This is the end of the file.");
    expect(watched.requests.slice(before)).toEqual([`file://${htmlFile}`]);
    await reader.close();

    expect(watched.foreignRequests(hearth.url).filter((url) => !url.startsWith("file://"))).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
}
