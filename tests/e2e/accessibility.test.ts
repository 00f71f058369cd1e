// axe-core on every page of issue 2's journeys, in Chromium, in the state a person sees them:
// signed out, on the recovery codes page right after joining, signed in, and in Chinese. No
// violation of impact "serious" or "critical" is allowed.
import { expect, onTestFinished, test } from "vitest";
import { startTestHearth } from "#tests/helpers/server.ts";
import { seriousViolations, type Finding } from "./axe.ts";
import { browserForThisFile, openContext, settled } from "./browser.ts";
import { freshPseudonym, press, recoveryCodesShown, signedInAs, submitJoin, visit } from "./steps.ts";

const browser = browserForThisFile();

test("the home, join, codes, sign-in, recovery and settings pages have no serious or critical axe violations", async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const javaScript = true;
  const { page } = await openContext(await browser(), { javaScript });
  const found: Record<string, Finding[]> = {};
  const check = async (name: string) => {
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[name] = violations;
  };

  for (const path of ["/", "/join", "/login", "/recover"]) {
    await visit(page, javaScript, `${hearth.url}${path}`);
    await check(`${path} (signed out)`);
  }

  // A refused form: the error summary and the field errors are part of the page too.
  await visit(page, javaScript, `${hearth.url}/join`);
  const pseudonym = freshPseudonym("Rowan");
  await submitJoin(page, javaScript, { pseudonym, passphrase: "copper kettle morning rain", again: "copper kettle" });
  await page.getByRole("alert").waitFor();
  await check("/join (with errors)");

  await submitJoin(page, javaScript, { pseudonym, passphrase: "copper kettle morning rain" });
  expect(await recoveryCodesShown(page)).toHaveLength(10);
  await check("/join (recovery codes)");

  await page.getByRole("link", { name: "I have kept my codes — continue", exact: true }).click();
  await signedInAs(page, javaScript, pseudonym);
  await check("/ (signed in)");
  await visit(page, javaScript, `${hearth.url}/settings`);
  await check("/settings");

  await press(page, javaScript, page.getByRole("button", { name: "中文", exact: true }));
  await page.getByRole("heading", { name: "设置", exact: true }).waitFor();
  await settled(page, javaScript);
  await check("/settings (中文)");

  expect(found).toEqual({});
});

test("the join page in Chinese has no serious or critical axe violations", async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const { page } = await openContext(await browser(), { javaScript: true, locale: "zh-CN" });
  await visit(page, true, `${hearth.url}/join`);
  // Accept-Language alone chooses Simplified Chinese for a first visit.
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-Hans");
  await page.getByRole("heading", { name: "加入 Hearth", exact: true }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
});
