// The evidence log's journeys in Chromium (issue 11), with JavaScript on and again off: a member
// joins, finds the log from the help page and settings, adds an entry with links and a report
// (after a refusal that keeps everything typed), sees it in the timeline, reads and copies its
// takedown request, edits it, filters the timeline, prints, downloads JSON and CSV, and deletes an
// entry. An image data: address typed into the description is removed with the notice; no link
// the member wrote is ever an <a>; axe-core finds nothing serious on any evidence page. Then a
// session that cannot open the log opens it with the passphrase, and a member without one starts
// it (the states made in the database, as a session from before the log would find them).
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, onTestFinished, test } from "vitest";
import { evidenceKeys, members } from "#db/schema.ts";
import { startTestHearth, type TestHearth } from "#tests/helpers/server.ts";
import type { Finding } from "./axe.ts";
import { browserForThisFile, openContext, settled, type Watched } from "./browser.ts";
import { axeOn, download, filterBy, noLinkIsAnAnchor, zoneChosenIn } from "./evidence-steps.ts";
import { errorSummary, freshPseudonym, press, recoveryCodesShown, signedInAs, submitJoin, visit } from "./steps.ts";

const browser = browserForThisFile();
// A 1×1 PNG, as a data: address would carry it.
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PASSPHRASE = "amber lanterns over quiet water";
const LINK = "https://t.me/c/1234567/89";
const SECOND_LINK = "https://example.org/leak/page?id=42";
const HEADING = "Telegram · 2026-03-14 21:30 (Asia/Shanghai)";

for (const javaScript of [true, false]) {
  const mode = javaScript ? "JavaScript on" : "JavaScript off";
  test(`${mode}: a member keeps, edits, filters, prints, downloads and deletes entries in their evidence log`, { timeout: 300_000 }, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const { watched, page, found, check } = await joined(hearth, javaScript);

    // The help page's steps say to keep a timeline, and point here; so does settings.
    await visit(page, javaScript, `${hearth.url}/help`);
    expect(await page.getByRole("link", { name: /^Keep that timeline in your evidence log/ }).getAttribute("href")).toBe("/settings/evidence");
    await visit(page, javaScript, `${hearth.url}/settings`);
    await page.getByRole("link", { name: "Your evidence log: a private record of where your images appeared", exact: true }).click();
    await page.getByRole("heading", { name: "Your evidence log", level: 1, exact: true }).waitFor();
    await settled(page, javaScript);
    const intro = await page.locator(".evidence-intro").innerText();
    for (const words of [
      "where copies of your images appeared",
      "Moderators cannot read it",
      "Keep screenshots on your own device, never here",
      "your log is lost too",
    ])
      expect(intro).toContain(words);
    await page.getByText("There are no entries in your log yet.", { exact: true }).waitFor();
    await check("/settings/evidence (empty)");

    // A first try without the platform: refused, with everything typed still there.
    await page.getByRole("link", { name: "Add an entry", exact: true }).click();
    await page.getByRole("heading", { name: "Add an entry", level: 1, exact: true }).waitFor();
    await settled(page, javaScript);
    await check("/settings/evidence/new");
    const form = page.locator("form.evidence-form");
    await form.getByLabel("Where on it", { exact: true }).fill("Channel “Leaks 2026”");
    await form.getByLabel("Links", { exact: true }).fill(`${LINK}\n${SECOND_LINK}`);
    await form.getByLabel("What it shows", { exact: true }).fill(`Two photos from 2024. data:image/png;base64,${PIXEL}`);
    await press(page, javaScript, page.getByRole("button", { name: "Add the entry", exact: true }));
    expect(await errorSummary(page)).toContain("Choose the platform where you saw it.");
    expect(await form.getByLabel("Links", { exact: true }).inputValue()).toBe(`${LINK}\n${SECOND_LINK}`);
    expect(await form.getByLabel("Where on it", { exact: true }).inputValue()).toBe("Channel “Leaks 2026”");
    await check("/settings/evidence/new (refused)");

    await form.getByLabel("Platform", { exact: true }).selectOption("telegram");
    await form.getByLabel("When you saw it", { exact: true }).fill("2026-03-14T21:30");
    await form.getByLabel("Time zone", { exact: true }).selectOption("Asia/Shanghai");
    await form.getByLabel("Who posted it", { exact: true }).fill("@leaker_account");
    const firstReport = form.getByRole("group", { name: "Report 1", exact: true });
    expect(await form.getByRole("group", { name: "Report 2", exact: true }).count()).toBe(0);
    await firstReport.getByLabel("Reported to", { exact: true }).selectOption("platform");
    await firstReport.getByLabel("Which one", { exact: true }).fill("Telegram abuse form");
    await firstReport.getByLabel("Case or reference number", { exact: true }).fill("TG-4471");
    await firstReport.getByLabel("Date reported", { exact: true }).fill("2026-03-15");
    await form.getByLabel("Where things stand", { exact: true }).selectOption("reported");
    await form.getByLabel("Follow-up date", { exact: true }).fill("2026-03-20");
    await press(page, javaScript, page.getByRole("button", { name: "Add the entry", exact: true }));

    // The timeline, with the notices: added, and the data: address taken out.
    await page.getByRole("status").getByText("The entry was added to your log.", { exact: true }).waitFor();
    await page
      .getByRole("status")
      .getByText(/^An image or an image address was removed from what you wrote/)
      .waitFor();
    await settled(page, javaScript);
    expect(new URL(page.url()).pathname).toBe("/settings/evidence");
    const entries = page.locator("li.evidence-entry");
    expect(await entries.count()).toBe(1);
    const first = await entries.first().innerText();
    for (const words of [HEADING, LINK, SECOND_LINK, "Channel “Leaks 2026”", "Two photos from 2024.", "@leaker_account", "Follow-up date reached"])
      expect(first).toContain(words);
    expect(first).toContain("The platform · Telegram abuse form · case TG-4471 · 2026-03-15");
    expect(first).not.toContain("data:");
    await noLinkIsAnAnchor(page, [LINK, SECOND_LINK]);
    await check("/settings/evidence (one entry)");

    // The entry's page: its takedown request in both languages, read-only, to copy.
    await entries.first().getByRole("link", { name: HEADING, exact: true }).click();
    await page.getByRole("heading", { name: HEADING, level: 1, exact: true }).waitFor();
    await settled(page, javaScript);
    const english = page.getByLabel("In English", { exact: true });
    const chinese = page.getByLabel("In Chinese", { exact: true });
    const englishText = await english.inputValue();
    for (const words of [
      "To the Telegram safety team",
      "Where: Channel “Leaks 2026”",
      LINK,
      SECOND_LINK,
      "Seen there since: 2026-03-14 21:30 (Asia/Shanghai)",
      "Posted by: @leaker_account",
    ])
      expect(englishText).toContain(words);
    expect(await chinese.inputValue()).toContain("安全团队");
    expect(await chinese.inputValue()).toContain(LINK);
    expect(await english.getAttribute("readonly")).not.toBeNull();
    expect(await chinese.getAttribute("readonly")).not.toBeNull();
    const copyButtons = page.getByRole("button", { name: /^Copy / });
    if (javaScript) {
      await page.getByRole("button", { name: "Copy In English", exact: true }).click();
      await page.getByRole("status").getByText("Copied.", { exact: true }).first().waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(englishText);
      await page.getByRole("button", { name: "Copy link 2", exact: true }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(SECOND_LINK);
    } else {
      // Without JavaScript a button could do nothing: there is none, and the text is selectable.
      expect(await copyButtons.count()).toBe(0);
    }
    await noLinkIsAnAnchor(page, [LINK, SECOND_LINK]);
    await check("/settings/evidence/:entry");

    // Editing: a second report (one empty row follows the filled one), a new status.
    const editForm = page.locator("form.evidence-form");
    expect(await editForm.getByLabel("Links", { exact: true }).inputValue()).toBe(`${LINK}\n${SECOND_LINK}`);
    expect(await editForm.getByLabel("What it shows", { exact: true }).inputValue()).toBe("Two photos from 2024.");
    const secondReport = editForm.getByRole("group", { name: "Report 2", exact: true });
    await secondReport.getByLabel("Reported to", { exact: true }).selectOption("police");
    await secondReport.getByLabel("Which one", { exact: true }).fill("City police");
    await secondReport.getByLabel("Case or reference number", { exact: true }).fill("2026/555");
    await editForm.getByLabel("Where things stand", { exact: true }).selectOption("removed");
    await editForm.getByLabel("Follow-up date", { exact: true }).fill("");
    await press(page, javaScript, page.getByRole("button", { name: "Save the entry", exact: true }));
    await page.getByRole("status").getByText("The entry was saved.", { exact: true }).waitFor();
    await settled(page, javaScript);
    const details = await page.locator("dl.evidence-details").innerText();
    expect(details).toContain("The police · City police · case 2026/555");
    expect(details).toContain("Removed");
    expect(await page.locator("form.evidence-form").getByLabel("Where things stand", { exact: true }).inputValue()).toBe("removed");
    expect(await page.locator("form.evidence-form").getByRole("group", { name: "Report 3", exact: true }).count()).toBe(1);

    // A second entry. Its time zone starts at the newest entry's without JavaScript, and at the
    // browser's own with it (checked in a browser set to Toronto).
    await visit(page, javaScript, `${hearth.url}/settings/evidence/new`);
    if (javaScript)
      expect(await zoneChosenIn(await browser(), "America/Toronto", watched.context, `${hearth.url}/settings/evidence/new`)).toBe("America/Toronto");
    else expect(await page.getByLabel("Time zone", { exact: true }).inputValue()).toBe("Asia/Shanghai");
    await page.getByLabel("Platform", { exact: true }).selectOption("wechat");
    await page.getByLabel("Where on it", { exact: true }).fill("群聊 “同学会”");
    await page.getByLabel("Time zone", { exact: true }).selectOption("UTC");
    await press(page, javaScript, page.getByRole("button", { name: "Add the entry", exact: true }));
    await page.getByRole("status").getByText("The entry was added to your log.", { exact: true }).waitFor();
    await settled(page, javaScript);
    expect(
      await page
        .getByRole("status")
        .getByText(/image address was removed/)
        .count(),
    ).toBe(0);
    expect(await entries.count()).toBe(2);

    // Filters: by platform, by status, and back to everything.
    await filterBy(page, javaScript, { platform: "wechat" });
    expect(await entries.count()).toBe(1);
    expect(await entries.first().innerText()).toContain("群聊 “同学会”");
    await filterBy(page, javaScript, { platform: "", status: "removed" });
    expect(await entries.count()).toBe(1);
    expect(await entries.first().innerText()).toContain(LINK);
    await filterBy(page, javaScript, { status: "no_answer" });
    await page.getByText("No entry matches. Choose other filters, or show every entry.", { exact: true }).waitFor();
    await check("/settings/evidence (filtered, nothing matches)");
    await page.getByRole("link", { name: "Show every entry", exact: true }).click();
    await page.waitForURL((url) => url.search === "");
    await settled(page, javaScript);
    expect(await entries.count()).toBe(2);

    // The printed log: everything, the header and the quick exit left out on paper only.
    await page.getByRole("link", { name: "Print the whole log", exact: true }).click();
    await page.getByRole("heading", { name: "Evidence log", level: 1, exact: true }).waitFor();
    await settled(page, javaScript);
    const printed = await page.locator("main").innerText();
    for (const words of [LINK, SECOND_LINK, "City police", "群聊 “同学会”", "2 entries."]) expect(printed).toContain(words);
    await noLinkIsAnAnchor(page, [LINK, SECOND_LINK]);
    const quickExit = page.locator("a[data-quick-exit=button]");
    expect(await page.getByRole("banner").isVisible()).toBe(true);
    expect(await quickExit.isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("banner").isVisible()).toBe(false);
    expect(await quickExit.isVisible()).toBe(false);
    const article = page.locator("article.evidence-entry").first();
    expect(await article.evaluate((e) => getComputedStyle(e).breakInside)).toBe("avoid");
    expect(await article.evaluate((e) => getComputedStyle(e).color)).toBe("rgb(0, 0, 0)");
    expect(await page.locator("main").evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(255, 255, 255)");
    await page.emulateMedia({ media: "screen" });
    expect(await quickExit.isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Print", exact: true }).count()).toBe(javaScript ? 1 : 0);
    await check("/settings/evidence/print");

    // Downloads: files named by the day, never cached, holding the entries.
    await page.getByRole("link", { name: "Back to your evidence log", exact: true }).click();
    await page.getByRole("heading", { name: "Your evidence log", level: 1, exact: true }).waitFor();
    await settled(page, javaScript);
    const json = await download(page, "Download the log (JSON)", /^hearth-evidence-\d{4}-\d{2}-\d{2}\.json$/);
    const log = JSON.parse(json) as { kind: string; entries: Array<{ links?: string[]; place?: string }> };
    expect(log.kind).toBe("hearth-evidence-log");
    expect(log.entries.map((e) => e.place).sort()).toEqual(["Channel “Leaks 2026”", "群聊 “同学会”"]);
    expect(log.entries.flatMap((e) => e.links ?? [])).toEqual([LINK, SECOND_LINK]);
    const csv = await download(page, "Download the log (CSV, for a spreadsheet)", /^hearth-evidence-\d{4}-\d{2}-\d{2}\.csv$/);
    for (const words of [LINK, "City police", "Removed", "群聊 “同学会”"]) expect(csv).toContain(words);
    for (const [path, type] of [
      ["export.json", "application/json; charset=utf-8"],
      ["export.csv", "text/csv; charset=utf-8"],
    ] as const) {
      const res = await watched.context.request.get(`${hearth.url}/settings/evidence/${path}`, { maxRedirects: 0 });
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe(type);
      expect(res.headers()["cache-control"]).toBe("no-store");
      expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="hearth-evidence-\d{4}-\d{2}-\d{2}\.(json|csv)"$/);
    }

    // Deleting the second entry: first without the tick (refused), then with it.
    await page.getByRole("link", { name: "WeChat · Not recorded", exact: true }).click();
    await page.getByRole("heading", { name: "WeChat · Not recorded", level: 1, exact: true }).waitFor();
    await settled(page, javaScript);
    await press(page, javaScript, page.getByRole("button", { name: "Delete the entry", exact: true }));
    expect(await errorSummary(page)).toContain("Tick the box to confirm that the entry should be deleted.");
    await check("/settings/evidence/:entry (delete refused)");
    await page.getByLabel("Yes, delete this entry for good", { exact: true }).check();
    await press(page, javaScript, page.getByRole("button", { name: "Delete the entry", exact: true }));
    await page.getByRole("status").getByText("The entry was deleted.", { exact: true }).waitFor();
    await settled(page, javaScript);
    expect(await entries.count()).toBe(1);
    expect(await entries.first().innerText()).toContain(LINK);

    // In Chinese, the printed log is in Chinese.
    await press(page, javaScript, page.getByRole("button", { name: "中文", exact: true }));
    await page.getByRole("heading", { name: "你的证据记录", level: 1, exact: true }).waitFor();
    await visit(page, javaScript, `${hearth.url}/settings/evidence/print`);
    await page.getByRole("heading", { name: "证据记录", level: 1, exact: true }).waitFor();
    expect(await page.locator("main").innerText()).toContain("共 1 条记录");
    await check("/settings/evidence/print (中文)");

    expect(watched.foreignRequests(hearth.url)).toEqual([]);
    // The two refusals (no platform; deleting without the tick) answer 400, which Chromium logs;
    // nothing else may have printed an error.
    const refused = /^Failed to load resource: the server responded with a status of 400/;
    expect(watched.errors.filter((e) => !refused.test(e))).toEqual([]);
    expect(watched.errors.filter((e) => refused.test(e))).toHaveLength(2);
    expect(found).toEqual({});
  });
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? "JavaScript on" : "JavaScript off";
  test(`${mode}: a session that cannot open the log opens it with the passphrase; a member without a log starts one`, { timeout: 180_000 }, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const { watched, page, found, check, pseudonym } = await joined(hearth, javaScript);
    const db = hearth.database.db;
    const [me] = await db.select({ id: members.id }).from(members).where(eq(members.pseudonym, pseudonym));
    const mine = eq(evidenceKeys.memberId, me!.id);

    // Locked: this session's key is gone. Pages below the log send the member back to open it.
    await db.delete(evidenceKeys).where(and(mine, eq(evidenceKeys.kind, "session")));
    await visit(page, javaScript, `${hearth.url}/settings/evidence/new`);
    await page.getByRole("heading", { name: "Open your log", level: 2, exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/settings/evidence");
    await check("/settings/evidence (locked)");
    await page.getByLabel("Your passphrase", { exact: true }).fill("not the passphrase at all");
    await press(page, javaScript, page.getByRole("button", { name: "Open my log", exact: true }));
    expect(await errorSummary(page)).toContain("That passphrase does not open your log.");
    await check("/settings/evidence (locked, refused)");
    await press(page, javaScript, page.getByRole("button", { name: "Delete the old entries and start over", exact: true }));
    expect(await errorSummary(page)).toContain("Tick the box to confirm that the old entries will be deleted.");
    await check("/settings/evidence (start over refused)");
    await page.getByLabel("Your passphrase", { exact: true }).fill(PASSPHRASE);
    await press(page, javaScript, page.getByRole("button", { name: "Open my log", exact: true }));
    await page.getByRole("status").getByText("Your log is open.", { exact: true }).waitFor();
    await page.getByRole("link", { name: "Add an entry", exact: true }).waitFor();

    // No log at all (a member from before the log): one starts with the passphrase, and the
    // recovery codes made before it are counted, with the way to new ones.
    await db.delete(evidenceKeys).where(mine);
    await visit(page, javaScript, `${hearth.url}/settings/evidence`);
    await page.getByRole("heading", { name: "Start your log", level: 2, exact: true }).waitFor();
    await check("/settings/evidence (no log)");
    await page.getByLabel("Current passphrase", { exact: true }).fill(PASSPHRASE);
    await press(page, javaScript, page.getByRole("button", { name: "Start my log", exact: true }));
    await page.getByRole("status").getByText("Your log is ready. Only you can open it.", { exact: true }).waitFor();
    await settled(page, javaScript);
    await page.getByText(/^10 of your recovery codes were made before your log and cannot open it\. Make new/).waitFor();
    await check("/settings/evidence (codes made before the log)");
    await page.getByRole("link", { name: "Make new recovery codes that open it", exact: true }).click();
    await page.getByRole("heading", { name: "Settings", level: 1, exact: true }).waitFor();
    expect(new URL(page.url()).hash).toBe("#codes");

    const refused = /^Failed to load resource: the server responded with a status of 400/;
    expect(watched.errors.filter((e) => !refused.test(e))).toEqual([]);
    expect(watched.errors.filter((e) => refused.test(e))).toHaveLength(2);
    expect(watched.foreignRequests(hearth.url)).toEqual([]);
    expect(found).toEqual({});
  });
}

/** A new member joined through /join (their log sealed for this session), with axe at hand. */
async function joined(hearth: TestHearth, javaScript: boolean) {
  const mode = javaScript ? "JavaScript on" : "JavaScript off";
  const watched: Watched = await openContext(await browser(), { javaScript });
  if (javaScript) await watched.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: hearth.url });
  const { page } = watched;
  const found: Record<string, Finding[]> = {};
  const check = async (name: string) => {
    const violations = await axeOn(await browser(), page, javaScript);
    if (violations.length > 0) found[`${mode}: ${name}`] = violations;
  };
  await visit(page, javaScript, `${hearth.url}/join`);
  const pseudonym = freshPseudonym("Juniper");
  await submitJoin(page, javaScript, { pseudonym, passphrase: PASSPHRASE });
  await recoveryCodesShown(page);
  await page.getByRole("link", { name: "I have kept my codes — continue", exact: true }).click();
  await signedInAs(page, javaScript, pseudonym);
  return { watched, page: page as Page, found, check, pseudonym };
}
