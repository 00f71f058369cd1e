// Erasing one's account in Chromium (issue 12), with JavaScript on and again off: a member joins,
// starts a thread, replies in it and says something in the lounge; another member (JavaScript on,
// watching live) answers in the thread with an @mention and has the lounge open. The first opens
// /settings/privacy: the warning is there in plain words; without the tick, and with a wrong
// passphrase, the form says why and ties the message to its field, nothing is erased and they
// stay signed in.
// With both right, they land on the home page's notice, signed out, their cookie dead. The other
// member's open lounge drops the message without a reload; the thread keeps the other's reply (the
// mention as written) around "removed by its author" placeholders under a neutral title; search
// finds nothing of theirs; signing in with the old passphrase fails exactly as an unknown name
// does. No request leaves Hearth's origin. Then the same warning and errors in Chinese.
import { ERASED_THREAD_TITLE } from "#server/privacy/placeholder.ts";
import { translate, type MessageKey } from "#app/i18n/catalog.ts";
import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { expect, onTestFinished, test } from "vitest";
import { sessionCookieName } from "#server/auth/session-cookie.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, openContext, settled, type Watched } from "./browser.ts";
import { errorSummary, freshPseudonym, joinedPerson, press, signedInAs, submitSignIn, visit } from "./steps.ts";

/** The Chinese texts as the catalog has them, so that a reworded string is checked as it is now. */
const zhText = (key: MessageKey) => translate("zh-Hans", key);

const browser = browserForThisFile();
const PASSPHRASE = "amber lanterns over quiet water";
const WRONG = "certainly not my passphrase";
const SESSION = sessionCookieName(false);

type Person = Watched & { pseudonym: string; javaScript: boolean };

/** A word no other post holds, for search to find or not: letters only, so that it is one search
 *  word and never looks like a number. */
const unique = (prefix: string) =>
  `${prefix}${randomBytes(4)
    .toString("hex")
    .replace(/\d/g, (d) => "ghijklmnop"[Number(d)]!)}`;

/** A real sign-up through /join, then past the recovery codes, signed in. */
async function joined(url: string, javaScript: boolean, prefix: string): Promise<Person> {
  const person = await joinedPerson(await browser(), url, javaScript, prefix, PASSPHRASE);
  await person.page.getByRole("link", { name: "I have kept my codes — continue", exact: true }).click();
  await signedInAs(person.page, javaScript, person.pseudonym);
  return person;
}

/** Runs `step`, then takes out of `who.errors` the lines Chromium logs for the answers the step
 *  expects (a refused form is a 400, a failed sign-in too): those, and only those, are fine. */
async function expectingStatus(who: Watched, status: RegExp, step: () => Promise<void>) {
  const before = who.errors.length;
  await step();
  expect(who.errors.splice(before).filter((e) => !status.test(e))).toEqual([]);
}

const chatMessages = (page: Page) => page.getByRole("region", { name: /^Messages in / }).locator("li.chat-message:not(.pending)");
const chatMessage = (page: Page, text: string) => chatMessages(page).filter({ hasText: text });

/** The lounge, live over the page's socket when JavaScript is on. */
async function openLounge(p: Person, url: string) {
  await visit(p.page, p.javaScript, `${url}/chat/lounge`);
  await p.page.getByRole("heading", { name: "Lounge", level: 1, exact: true }).waitFor();
  if (p.javaScript) await p.page.locator("p.chat-connection:not(.offline)").waitFor({ state: "attached" });
}

/** The erase form's controls on /settings/privacy. */
function eraseForm(page: Page, labels = { passphrase: "Your passphrase", understood: "I understand that my account and my evidence log are erased for good" }) {
  const form = page.locator("form", { has: page.locator("input[name=intent][value=erase]") });
  return {
    form,
    passphrase: form.getByLabel(labels.passphrase, { exact: true }),
    understood: form.getByLabel(labels.understood, { exact: true }),
  };
}

/** The browser's own check (the tick is `required`) taken off, so that the server's answer is
 *  the one shown, as error-summary.test.ts does. */
async function dropBrowserChecks(form: Locator) {
  await form.locator("[required]").evaluateAll((elements) => {
    for (const element of elements) element.removeAttribute("required");
  });
}

/**
 * The error is tied to its control the way every other form on Hearth ties it (issue 8,
 * error-summary.test.ts; components/form-parts.tsx's Field): the summary's message is a link that,
 * followed with the keyboard, puts focus on the control, and the control is marked invalid.
 */
async function expectErrorTiedTo(page: Page, control: Locator, message: string) {
  const summary = page.locator(".error-summary");
  const link = summary.getByRole("link", { name: message, exact: true });
  expect(await link.count(), `"${message}" in the summary links to its field`).toBe(1);
  if ((await link.count()) === 1) {
    const href = (await link.getAttribute("href")) ?? "";
    expect(href.slice(1), "the link names the control's id").toBe(await control.getAttribute("id"));
    await summary.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await control.evaluate((element) => element === document.activeElement), "following the link focuses the control").toBe(true);
  }
  expect(await control.getAttribute("aria-invalid"), "the control is marked invalid").toBe("true");
}

/** What a refused form must never show: a stack trace, an error's name, a server's error page. */
async function expectNoInternals(page: Page) {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|\.(ts|js|tsx):\d+|Error:|Invalid\b|stack|Unexpected Server Error|Application Error/);
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? "JavaScript on" : "JavaScript off";
  test(`${mode}: a member erases their account; nothing of them is left on another member's open screens, in search or at sign-in`, {
    timeout: 240_000,
  }, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const url = hearth.url;
    const origin = new URL(url).origin;
    const a = await joined(url, javaScript, "Juniper");
    // B watches live in both modes.
    const b = await joined(url, true, "Rowan");

    // A's thread and A's reply, each with a word nobody else writes.
    const title = `Leaving soon ${unique("t")}`;
    const firstWord = unique("quillfern");
    const replyWord = unique("mossgate");
    await visit(a.page, javaScript, `${url}/f/support/new`);
    await a.page.getByLabel("Title", { exact: true }).fill(title);
    await a.page.getByLabel("Your post", { exact: true }).fill(`I am thinking of leaving. ${firstWord} is how it felt.`);
    await press(a.page, javaScript, a.page.getByRole("button", { name: "Start thread", exact: true }));
    await a.page.getByRole("heading", { name: title, level: 1, exact: true }).waitFor();
    await settled(a.page, javaScript);
    const threadUrl = a.page.url().split(/[?#]/)[0]!;
    await a.page.getByLabel("Your post", { exact: true }).fill(`And one more thing: ${replyWord}.`);
    await press(a.page, javaScript, a.page.getByRole("button", { name: "Post reply", exact: true }));
    await a.page.getByText("Your reply has been posted.", { exact: true }).waitFor();

    // B answers in A's thread, naming A, from a second tab; the first tab keeps the lounge open.
    const bWords = `@${a.pseudonym} you are not alone, take care.`;
    const bThread = await b.context.newPage();
    await visit(bThread, true, threadUrl);
    await bThread.getByLabel("Your post", { exact: true }).fill(bWords);
    await press(bThread, true, bThread.getByRole("button", { name: "Post reply", exact: true }));
    await bThread.getByText("Your reply has been posted.", { exact: true }).waitFor();

    // A says something in the lounge; B's open screen shows it.
    await openLounge(b, url);
    await b.page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    const chatWords = `Thank you all, ${unique("driftwood")}`;
    await openLounge(a, url);
    await a.page.getByLabel("Your message", { exact: true }).fill(chatWords);
    if (javaScript) await a.page.getByRole("button", { name: "Send", exact: true }).click();
    else await press(a.page, false, a.page.getByRole("button", { name: "Send", exact: true }));
    await chatMessage(a.page, chatWords).waitFor();
    await chatMessage(b.page, chatWords).waitFor();

    // The erase section: below the downloads, the warning in plain words, then the form.
    await visit(a.page, javaScript, `${url}/settings/privacy`);
    await a.page.getByRole("heading", { name: "Your data", level: 1, exact: true }).waitFor();
    await a.page.getByRole("heading", { name: "Erase your account", level: 2, exact: true }).waitFor();
    const warning = a.page.locator("h2#erase + .notice");
    expect(await warning.isVisible()).toBe(true);
    const paragraphs = await warning.locator("p").allInnerTexts();
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toBe("Erasing your account cannot be undone. Nobody, not even the people who run Hearth, can bring it back.");
    expect(paragraphs[1]).toMatch(/^What goes, at once and for real: your pseudonym and account, your sessions \(you are signed out everywhere\)/);
    expect(paragraphs[2]).toMatch(/^What stays, without your name: your posts become “removed by its author” with no text/);
    expect(paragraphs[3]).toBe("Your evidence log is erased too. If you want to keep it, download it first (above, or from your evidence log).");
    // Plain: words, no message keys or placeholders left in, no markup.
    for (const p of paragraphs) expect(p).not.toMatch(/privacy\.erase|[{}<>]/);
    const erase = eraseForm(a.page);
    expect(await erase.passphrase.getAttribute("type")).toBe("password");
    const submit = erase.form.getByRole("button", { name: "Erase my account", exact: true });

    // Without the tick: the browser itself holds the form back (the tick is required)…
    expect(await erase.understood.evaluate((box) => (box as HTMLInputElement).validity.valueMissing)).toBe(true);
    // …and the server, which is the one that counts, says why.
    await dropBrowserChecks(erase.form);
    await erase.passphrase.fill(PASSPHRASE);
    await expectingStatus(a, /status of 400/, async () => {
      await press(a.page, javaScript, submit);
      expect(await errorSummary(a.page)).toBe("Please check the form Tick the box to say you understand that this cannot be undone.");
    });
    await settled(a.page, javaScript);
    expect(new URL(a.page.url()).pathname).toBe("/settings/privacy");
    await expectErrorTiedTo(a.page, eraseForm(a.page).understood, "Tick the box to say you understand that this cannot be undone.");
    await expectNoInternals(a.page);
    await signedInAs(a.page, javaScript, a.pseudonym);

    // With the tick and a wrong passphrase.
    const again = eraseForm(a.page);
    await again.passphrase.fill(WRONG);
    await again.understood.check();
    await expectingStatus(a, /status of 400/, async () => {
      await press(a.page, javaScript, again.form.getByRole("button", { name: "Erase my account", exact: true }));
      await a.page.locator(".error-summary").getByText("That is not your current passphrase.", { exact: true }).waitFor();
    });
    expect(await errorSummary(a.page)).toBe("Please check the form That is not your current passphrase.");
    await settled(a.page, javaScript);
    expect(new URL(a.page.url()).pathname).toBe("/settings/privacy");
    // A passphrase is never sent back in the page.
    expect(await eraseForm(a.page).passphrase.inputValue()).toBe(javaScript ? WRONG : "");
    expect(await a.page.content()).not.toContain(WRONG);
    await expectErrorTiedTo(a.page, eraseForm(a.page).passphrase, "That is not your current passphrase.");
    await expectNoInternals(a.page);
    await signedInAs(a.page, javaScript, a.pseudonym);

    // Nothing was erased: B still reads A's thread and A's words, and the message is still there.
    await bThread.reload();
    await settled(bThread, true);
    await bThread.getByRole("heading", { name: title, level: 1, exact: true }).waitFor();
    for (const word of [firstWord, replyWord, bWords]) await bThread.locator("main li.post").filter({ hasText: word }).waitFor();
    expect(await chatMessage(b.page, chatWords).count()).toBe(1);
    // Search finds A's words for now (so that finding nothing later means something).
    for (const word of [firstWord, replyWord]) {
      await visit(bThread, true, `${url}/search?q=${encodeURIComponent(word)}`);
      const found = bThread.locator("main ol.thread-list > li");
      expect(await found.count()).toBe(1);
      expect(await found.locator(".meta").innerText()).toMatch(new RegExp(`^by ${a.pseudonym} · `));
    }

    // A copy of A's session cookie, as someone who took it would hold it: it opens A's settings.
    const [oldCookie] = (await a.context.cookies(url)).filter((c) => c.name === SESSION);
    expect(oldCookie?.value).toBeTruthy();
    const copied = await openContext(await browser(), { javaScript: false });
    await copied.context.addCookies([{ name: SESSION, value: oldCookie!.value, url }]);
    await visit(copied.page, false, `${url}/settings`);
    expect(new URL(copied.page.url()).pathname).toBe("/settings");

    // The right passphrase and the tick: erased, on the home page's notice, signed out.
    const done = eraseForm(a.page);
    await done.passphrase.fill(PASSPHRASE);
    await done.understood.check();
    await press(a.page, javaScript, done.form.getByRole("button", { name: "Erase my account", exact: true }));
    await a.page
      .getByRole("status")
      .getByText("Your account has been erased. Your pseudonym, what you wrote and your evidence log are gone from Hearth; what stays carries no name.", {
        exact: true,
      })
      .waitFor();
    await settled(a.page, javaScript);
    expect(new URL(a.page.url()).pathname).toBe("/");
    await a.page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true }).waitFor();
    expect(await a.page.getByRole("banner").getByText(`Signed in as ${a.pseudonym}`).count()).toBe(0);
    expect((await a.context.cookies(url)).filter((c) => c.name === SESSION && c.value !== "")).toEqual([]);
    await visit(a.page, javaScript, `${url}/settings`);
    expect(new URL(a.page.url()).pathname).toBe("/login");
    // The copied cookie opens nothing any more.
    await visit(copied.page, false, `${url}/settings`);
    expect(new URL(copied.page.url()).pathname).toBe("/login");

    // B's open lounge drops A's message, without a reload.
    await chatMessage(b.page, chatWords).waitFor({ state: "detached" });
    expect(await b.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true)).toBe(true);
    expect(await b.page.locator("main").innerText()).not.toContain(a.pseudonym);

    // B opens the thread again: a neutral title, A's posts as placeholders with no text, B's reply
    // as B wrote it, the mention of A included.
    await visit(bThread, true, threadUrl);
    await bThread.getByRole("heading", { name: ERASED_THREAD_TITLE, level: 1, exact: true }).waitFor();
    const posts = bThread.locator("main li.post");
    expect(await posts.count()).toBe(3);
    for (const i of [0, 1]) {
      const post = posts.nth(i);
      expect(await post.locator(".meta strong").innerText()).toBe("a former member");
      expect(await post.locator(".deleted").innerText()).toBe("This post was removed by its author.");
      expect(await post.locator(".post-body").count()).toBe(0);
    }
    expect(await posts.nth(2).locator(".meta strong").innerText()).toBe(b.pseudonym);
    expect((await posts.nth(2).locator(".post-body").innerText()).trim()).toBe(bWords);
    const threadText = await bThread.locator("main").innerText();
    for (const gone of [title, firstWord, replyWord]) expect(threadText).not.toContain(gone);
    // A's pseudonym is left only where B wrote it.
    expect(threadText.split(a.pseudonym)).toHaveLength(2);
    expect(await bThread.title()).not.toContain(title);

    // Search finds nothing of A's: not their words, and by their name only B's reply naming them.
    for (const word of [firstWord, replyWord, title]) {
      await visit(bThread, true, `${url}/search?q=${encodeURIComponent(word)}`);
      await bThread
        .getByRole("status")
        .getByText(/^Nothing matches “/)
        .waitFor();
      expect(await bThread.locator("main ol.thread-list > li").count()).toBe(0);
    }
    await visit(bThread, true, `${url}/search?q=${encodeURIComponent(a.pseudonym)}`);
    const results = bThread.locator("main ol.thread-list > li");
    expect(await results.count()).toBe(1);
    expect(await results.locator(".meta").innerText()).toMatch(new RegExp(`^by ${b.pseudonym} · `));
    expect(await results.getByRole("link").innerText()).toBe(ERASED_THREAD_TITLE);
    expect(await results.innerText()).toContain(bWords);

    // Signing in as A with the old passphrase fails exactly as a name nobody has.
    const tried: string[] = [];
    for (const name of [a.pseudonym, freshPseudonym("Nobody")]) {
      await visit(a.page, javaScript, `${url}/login`);
      await expectingStatus(a, /status of 40[01]/, async () => {
        await submitSignIn(a.page, javaScript, name, PASSPHRASE);
        tried.push(await errorSummary(a.page));
      });
      await expectNoInternals(a.page);
    }
    expect(tried[0]).toContain("That pseudonym and passphrase do not match an account.");
    expect(tried[0]).toBe(tried[1]);

    for (const w of [a, b, copied]) {
      expect(w.foreignRequests(origin)).toEqual([]);
      expect(w.cspViolations()).toEqual([]);
    }
    // Beyond the 400s the refused forms were expected to log (taken out as they came), nothing.
    for (const w of [a, b, copied]) expect(w.errors).toEqual([]);
    // Nothing of A's in the server's log lines either.
    for (const secret of [a.pseudonym, PASSPHRASE, WRONG, firstWord, chatWords]) expect(hearth.logs.join("\n")).not.toContain(secret);
  });
}

/** The English words in `text`, Hearth's own name aside: a page in Chinese has none. */
function englishIn(text: string) {
  return text.replaceAll("Hearth", "").match(/[A-Za-z]{2,}/g) ?? [];
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? "JavaScript on" : "JavaScript off";
  test(`${mode}: in Chinese, the erase warning, its errors and the closing notice are in Chinese`, { timeout: 120_000 }, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const url = hearth.url;
    const a = await joined(url, javaScript, "Lin");

    // The member chooses 中文 with the header's switch, on the privacy page itself.
    await visit(a.page, javaScript, `${url}/settings/privacy`);
    await press(a.page, javaScript, a.page.getByRole("banner").getByRole("button", { name: "中文", exact: true }));
    await a.page.getByRole("heading", { name: "删除你的账号", level: 2, exact: true }).waitFor();
    await settled(a.page, javaScript);
    expect(new URL(a.page.url()).pathname).toBe("/settings/privacy");
    expect(await a.page.locator("html").getAttribute("lang")).toBe("zh-Hans");

    const paragraphs = await a.page.locator("h2#erase + .notice p").allInnerTexts();
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toBe(zhText("privacy.erase.cannotUndo"));
    expect(paragraphs[1]).toBe(zhText("privacy.erase.goes"));
    expect(paragraphs[2]).toBe(zhText("privacy.erase.stays"));
    expect(paragraphs[3]).toBe(zhText("privacy.erase.evidence"));
    const zh = { passphrase: "你的密码短语", understood: "我明白我的账号和证据记录将被永久删除" };
    const erase = eraseForm(a.page, zh);
    const section = async () => `${paragraphs.join("\n")}\n${await eraseForm(a.page, zh).form.innerText()}`;
    expect(englishIn(await section())).toEqual([]);

    // Without the tick, then with a wrong passphrase: the messages in Chinese.
    await dropBrowserChecks(erase.form);
    await erase.passphrase.fill(PASSPHRASE);
    await expectingStatus(a, /status of 400/, async () => {
      await press(a.page, javaScript, erase.form.getByRole("button", { name: "删除我的账号", exact: true }));
      expect(await errorSummary(a.page)).toBe("请检查表单 请勾选方框，确认你明白此操作无法撤销。");
    });
    await settled(a.page, javaScript);
    const again = eraseForm(a.page, zh);
    await again.passphrase.fill(WRONG);
    await again.understood.check();
    await expectingStatus(a, /status of 400/, async () => {
      await press(a.page, javaScript, again.form.getByRole("button", { name: "删除我的账号", exact: true }));
      await a.page.locator(".error-summary").getByText("这不是你当前的密码短语。", { exact: true }).waitFor();
    });
    expect(await errorSummary(a.page)).toBe("请检查表单 这不是你当前的密码短语。");
    await settled(a.page, javaScript);
    expect(englishIn(await section())).toEqual([]);
    await expectNoInternals(a.page);

    // Erased: the notice they land on is in their language too.
    const done = eraseForm(a.page, zh);
    await done.passphrase.fill(PASSPHRASE);
    await done.understood.check();
    await press(a.page, javaScript, done.form.getByRole("button", { name: "删除我的账号", exact: true }));
    const notice = a.page.locator("main p.notice[role=status]");
    await notice.waitFor();
    await settled(a.page, javaScript);
    expect(new URL(a.page.url()).pathname).toBe("/");
    // The answer cleared the `lang` cookie with the rest, and the member's row is gone: the
    // language comes along in the address (server/safety/discreet-mode.ts, signedOutPath), not
    // from the browser's Accept-Language (here en-GB).
    expect(await notice.innerText()).toBe(zhText("privacy.erase.done"));

    expect(a.foreignRequests(new URL(url).origin)).toEqual([]);
    expect(a.errors).toEqual([]);
  });
}
