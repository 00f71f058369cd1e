// Issue 2's journeys in real Chromium, once with JavaScript on and once with it off: join, keep
// the recovery codes, sign out, sign in, change the passphrase, recover with a code. Every page
// must load only from Hearth itself, and the CSP (with nonces) must refuse nothing.
import { expect, onTestFinished, test } from "vitest";
import { startTestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, openContext, settled, type Watched } from "./browser.ts";
import { errorSummary, freshPseudonym, press, signedInAs, signOut, submitJoin, submitSignIn, visit } from "./steps.ts";

const browser = browserForThisFile();

const modes = [
  { javaScript: true, label: "JavaScript on" },
  { javaScript: false, label: "JavaScript off" },
];

function expectPrivateAndClean(watched: Watched, origin: string, javaScript: boolean) {
  expect(watched.requests.length).toBeGreaterThan(0);
  expect(watched.foreignRequests(origin)).toEqual([]);
  expect(watched.cspViolations()).toEqual([]);
  // A 4xx answer to a refused form is logged by Chromium as a failed resource; anything else
  // (an uncaught error, a hydration mismatch) is a defect.
  expect(watched.errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  // With JavaScript on, React Router submits forms with fetch (`.data`); with it off, never.
  expect(watched.requests.some((url) => new URL(url).pathname.endsWith(".data"))).toBe(javaScript);
}

for (const { javaScript, label } of modes) {
  test(`${label}: join, sign out, sign in, change the passphrase, recover with a code`, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const origin = new URL(hearth.url).origin;
    const browserA = await openContext(await browser(), { javaScript });
    const { page } = browserA;
    const pseudonym = freshPseudonym();
    const first = "copper kettle morning rain";
    const second = "lantern orchard quietly hums";
    const third = "violet harbour slow tide turns";

    // Joining: a mistyped second passphrase is explained, then the codes are shown once.
    await visit(page, javaScript, `${hearth.url}/join`);
    await submitJoin(page, javaScript, { pseudonym, passphrase: first, again: "copper kettle morning rian" });
    expect(await errorSummary(page)).toContain("The two passphrases do not match.");
    expect(await page.getByLabel("Pseudonym", { exact: true }).inputValue()).toBe(pseudonym);
    await submitJoin(page, javaScript, { pseudonym, passphrase: first });
    await page.getByRole("heading", { name: "Your recovery codes", exact: true }).waitFor();
    await page.getByText("if you lose your passphrase and all of these codes, the account cannot be recovered", { exact: false }).waitFor();
    const codes = await page.locator("ol[data-testid=recovery-codes] code").allTextContents();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await page.getByRole("link", { name: "I have kept my codes — continue", exact: true }).click();
    await signedInAs(page, javaScript, pseudonym);

    await signOut(page, javaScript);
    await submitSignIn(page, javaScript, pseudonym, first);
    await page.getByText(`Welcome back, ${pseudonym}.`, { exact: true }).waitFor();
    await signedInAs(page, javaScript, pseudonym);

    // A second device signed in before the change is signed out by it.
    const browserB = await openContext(await browser(), { javaScript });
    await visit(browserB.page, javaScript, `${hearth.url}/login`);
    await submitSignIn(browserB.page, javaScript, pseudonym, first);
    await signedInAs(browserB.page, javaScript, pseudonym);

    // Changing the passphrase asks for the current one.
    await page.getByRole("banner").getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("heading", { name: "Where you are signed in", exact: true }).waitFor();
    await settled(page, javaScript);
    expect(await page.locator("ul.sessions li").count()).toBe(2);
    const change = page.locator("form", { has: page.locator("input[name=intent][value=change-passphrase]") });
    await change.getByLabel("Current passphrase", { exact: true }).fill("not my passphrase at all");
    await change.getByLabel("New passphrase", { exact: true }).fill(second);
    await change.getByLabel("Type the passphrase again", { exact: true }).fill(second);
    await press(page, javaScript, change.getByRole("button", { name: "Change your passphrase", exact: true }));
    expect(await errorSummary(page)).toContain("That is not your current passphrase.");
    await change.getByLabel("Current passphrase", { exact: true }).fill(first);
    await change.getByLabel("New passphrase", { exact: true }).fill(second);
    await change.getByLabel("Type the passphrase again", { exact: true }).fill(second);
    await press(page, javaScript, change.getByRole("button", { name: "Change your passphrase", exact: true }));
    await page.getByRole("status").getByText("Your passphrase has been changed, and every other session has been signed out.", { exact: true }).waitFor();
    await visit(browserB.page, javaScript, `${hearth.url}/settings`);
    expect(new URL(browserB.page.url()).pathname).toBe("/login");
    expect(await browserB.page.getByRole("banner").getByText(`Signed in as ${pseudonym}`).count()).toBe(0);

    // Recovering: a wrong code is refused kindly; a real one sets a new passphrase and signs in.
    await signOut(page, javaScript);
    await page.getByRole("link", { name: "Forgot your passphrase? Use a recovery code.", exact: true }).click();
    await page.getByRole("heading", { name: "Recover your account", exact: true }).waitFor();
    await settled(page, javaScript);
    await page.getByText("There is no email recovery", { exact: false }).waitFor();
    const recover = async (code: string) => {
      await page.getByLabel("Pseudonym", { exact: true }).fill(pseudonym);
      await page.getByLabel("Recovery code", { exact: true }).fill(code);
      await page.getByLabel("New passphrase", { exact: true }).fill(third);
      await page.getByLabel("Type the passphrase again", { exact: true }).fill(third);
      await press(page, javaScript, page.getByRole("button", { name: "Set new passphrase", exact: true }));
    };
    await recover("abcd-efgh-ijkl-mnop");
    expect(await errorSummary(page)).toContain("That pseudonym and recovery code do not match. Please check them and try again.");
    const used = codes[3] ?? "";
    await recover(used);
    await page.getByRole("status").getByText("Your passphrase has been changed. You have 9 recovery codes left.", { exact: true }).waitFor();
    await signedInAs(page, javaScript, pseudonym);

    // A code works once.
    await signOut(page, javaScript);
    await visit(page, javaScript, `${hearth.url}/recover`);
    await recover(used);
    expect(await errorSummary(page)).toContain("That pseudonym and recovery code do not match.");

    // Later: the passphrase set by recovery signs in; the replaced ones do not.
    await visit(page, javaScript, `${hearth.url}/login`);
    for (const replaced of [second, first]) {
      await submitSignIn(page, javaScript, pseudonym, replaced);
      expect(await errorSummary(page)).toContain("That pseudonym and passphrase do not match an account. Please check them and try again.");
      expect(await page.getByRole("banner").getByText(`Signed in as ${pseudonym}`).count()).toBe(0);
    }
    await submitSignIn(page, javaScript, pseudonym, third);
    await page.getByText(`Welcome back, ${pseudonym}.`, { exact: true }).waitFor();
    await signedInAs(page, javaScript, pseudonym);

    expectPrivateAndClean(browserA, origin, javaScript);
    expectPrivateAndClean(browserB, origin, javaScript);
  });

  test(`${label}: switching to 中文 shows the join page in Chinese and remembers the choice`, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const watched = await openContext(await browser(), { javaScript });
    const { page } = watched;

    await visit(page, javaScript, `${hearth.url}/join`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await press(page, javaScript, page.getByRole("button", { name: "中文", exact: true }));
    await page.getByRole("heading", { name: "加入 Hearth", exact: true }).waitFor();
    await settled(page, javaScript);
    expect(new URL(page.url()).pathname).toBe("/join");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-Hans");
    expect(await page.getByRole("button", { name: "中文", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await page.getByText("选择一个化名和一个密码短语，仅此而已", { exact: false }).waitFor();

    // Errors and the codes page are in Chinese too, and a Chinese pseudonym is welcome.
    const pseudonym = freshPseudonym("晨光");
    await page.getByLabel("化名", { exact: true }).fill(pseudonym);
    await page.getByLabel("密码短语", { exact: true }).fill("copper kettle morning rain");
    await page.getByLabel("再输入一次密码短语", { exact: true }).fill("copper kettle morning");
    await press(page, javaScript, page.getByRole("main").getByRole("button", { name: "加入", exact: true }));
    expect(await errorSummary(page)).toContain("两次输入的密码短语不一致。");
    await page.getByLabel("密码短语", { exact: true }).fill("copper kettle morning rain");
    await page.getByLabel("再输入一次密码短语", { exact: true }).fill("copper kettle morning rain");
    await press(page, javaScript, page.getByRole("main").getByRole("button", { name: "加入", exact: true }));
    await page.getByRole("heading", { name: "你的恢复码", exact: true }).waitFor();
    expect(await page.locator("ol[data-testid=recovery-codes] code").count()).toBe(10);
    await page.getByRole("link", { name: "我已保存恢复码，继续", exact: true }).click();
    await page.getByRole("banner").getByText(`当前登录：${pseudonym}`, { exact: true }).waitFor();

    // The choice outlives the page: a fresh load of another page is still in Chinese.
    await visit(page, javaScript, `${hearth.url}/settings`);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-Hans");
    await page.getByRole("button", { name: "更改密码短语", exact: true }).waitFor();

    expect(watched.foreignRequests(new URL(hearth.url).origin)).toEqual([]);
    expect(watched.cspViolations()).toEqual([]);
  });
}
