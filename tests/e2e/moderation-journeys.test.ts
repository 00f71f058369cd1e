// Moderation journeys in Chromium, with JavaScript on and off (docs/moderation.md): a report
// reaches the queue, a moderator removes the post with a template reason, the author reads the
// notice and appeals, the appeal is overturned and the post is back; a new member's first thread
// waits unseen by others until a moderator approves it. Then axe on every moderation and admin
// page, each with something in it.
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, onTestFinished, test } from "vitest";
import { members } from "#db/schema.ts";
import { writeSetting } from "#server/settings/store.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { startTestHearth, type TestHearth } from "#tests/helpers/server.ts";
import { seriousViolations, type Finding } from "./axe.ts";
import { browserForThisFile, failOnPageErrors, settled, type Watched } from "./browser.ts";
import { joinedPerson, press, visit } from "./steps.ts";

const browser = browserForThisFile();
const PASSPHRASE = "lanterns along the quiet harbour";
// The seeded reason templates (db/seed-data/settings.ts): a moderator picks one from the list.
const HARASSMENT_TEMPLATE = "Harassment or blaming a survivor · 骚扰或指责受害者";
const SEXUAL_TEMPLATE = "Sexual content or an image · 含有色情内容或图片";

type Person = Watched & { pseudonym: string; javaScript: boolean };

/** Joins through the join page; every page this person opens must be free of console errors. */
async function joined(url: string, javaScript: boolean, prefix: string): Promise<Person> {
  const person = await joinedPerson(await browser(), url, javaScript, prefix, PASSPHRASE);
  failOnPageErrors(person);
  return person;
}

async function setRole(hearth: TestHearth, person: Person, role: "moderator" | "admin") {
  await hearth.database.db.update(members).set({ role }).where(eq(members.pseudonym, person.pseudonym));
}

async function memberId(hearth: TestHearth, person: Person) {
  const [row] = await hearth.database.db.select({ id: members.id }).from(members).where(eq(members.pseudonym, person.pseudonym));
  return row!.id;
}

/** From the forum list into Support, "Start a thread", and submit; returns the thread's address. */
async function startThread(p: Person, url: string, title: string, body: string) {
  await visit(p.page, p.javaScript, `${url}/forums`);
  await p.page.getByRole("main").getByRole("link", { name: "Support", exact: true }).click();
  await p.page.getByRole("link", { name: "Start a thread", exact: true }).click();
  await p.page.getByLabel("Title", { exact: true }).fill(title);
  await p.page.getByLabel("Your post", { exact: true }).fill(body);
  await press(p.page, p.javaScript, p.page.getByRole("button", { name: "Start thread", exact: true }));
  await p.page.getByRole("heading", { name: title, exact: true }).waitFor();
  await settled(p.page, p.javaScript);
  return p.page.url().split("?")[0]!;
}

/** The header's "Moderation" link, to the queue. */
async function openQueue(p: Person, url: string) {
  await visit(p.page, p.javaScript, `${url}/forums`);
  await p.page.getByRole("banner").getByRole("link", { name: "Moderation", exact: true }).click();
  await p.page.getByRole("heading", { name: "Moderation queue", exact: true }).waitFor();
  await settled(p.page, p.javaScript);
}

/** A page this person may not see: a real 404 page. Chromium logs the status as a console
 *  error; that one line, and only it, is expected here. */
async function expectNotFound(p: Person, url: string) {
  const before = p.errors.length;
  const response = await p.page.goto(url);
  expect(response?.status()).toBe(404);
  await p.page.getByRole("heading", { name: "Page not found", exact: true }).waitFor();
  await settled(p.page, p.javaScript);
  const added = p.errors.splice(before);
  expect(added.filter((e) => !/status of 404/.test(e))).toEqual([]);
}

const queueItem = (page: Page, text: string) => page.locator("li.queue-item").filter({ hasText: text });

for (const javaScript of [true, false]) {
  const mode = javaScript ? "JavaScript on" : "JavaScript off";

  test(`${mode}: a member reports a post, a moderator removes it with a reason from the queue, the author sees the notice and appeals, the appeal is decided`, {
    timeout: 180_000,
  }, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const author = await joined(hearth.url, javaScript, "Ash");
    const reader = await joined(hearth.url, javaScript, "Birch");
    const moderator = await joined(hearth.url, javaScript, "Cedar");
    await setRole(hearth, moderator, "moderator");

    // The author starts a thread (not on probation: it is visible at once).
    const title = "Someone keeps messaging me";
    const body = "They found my new account and keep sending messages about the pictures.";
    const threadUrl = await startThread(author, hearth.url, title, body);
    expect(await author.page.getByText("This thread is waiting for a moderator.", { exact: false }).count()).toBe(0);

    // The second member reports the post: harassment, with a note.
    await visit(reader.page, javaScript, threadUrl);
    await reader.page.locator(".post-body", { hasText: body }).waitFor();
    await reader.page.locator("li.post").first().getByRole("link", { name: "Report", exact: true }).click();
    await reader.page.getByRole("heading", { name: "Report a post", exact: true }).waitFor();
    await settled(reader.page, javaScript);
    expect(new URL(reader.page.url()).pathname).toMatch(/^\/p\/[0-9a-f-]{36}\/report$/);
    await reader.page.getByLabel("Harassment or threats", { exact: true }).check();
    await reader.page.getByLabel("Anything moderators should know (optional)", { exact: true }).fill("The reply under it mocks her");
    await press(reader.page, javaScript, reader.page.getByRole("button", { name: "Send the report", exact: true }));
    await reader.page.getByRole("status").getByText("Thank you. The moderators will look at this post.", { exact: true }).waitFor();

    // The moderator finds the report in the queue, with who reported it and why.
    await openQueue(moderator, hearth.url);
    const item = queueItem(moderator.page, `Member: ${author.pseudonym}`);
    await item.waitFor();
    expect(await item.getByRole("heading", { level: 2 }).innerText()).toBe("Report · 1 report");
    await item.getByText("Why: harassment", { exact: true }).waitFor();
    await item.getByText(`${reader.pseudonym} — harassment: The reply under it mocks her`, { exact: true }).waitFor();
    await item.getByText(`Thread: ${title}`, { exact: true }).waitFor();
    // Harassment without a content warning is not folded away: the text is there to read.
    expect(await item.locator("details.mod-collapsed").count()).toBe(0);
    expect(await item.locator(".post-body").innerText()).toContain(body);
    // A reason from the templates, and the removal.
    await item.getByLabel("Choose a reason", { exact: true }).selectOption({ label: HARASSMENT_TEMPLATE });
    await press(moderator.page, javaScript, item.getByRole("button", { name: "Remove (the author is told)", exact: true }));
    await moderator.page.getByRole("status").getByText("Done: Remove (the author is told).", { exact: true }).waitFor();
    await settled(moderator.page, javaScript);
    expect(await queueItem(moderator.page, `Member: ${author.pseudonym}`).count()).toBe(0);

    // The removed post is gone for the reader.
    await visit(reader.page, javaScript, threadUrl);
    expect(await reader.page.locator(".post-body", { hasText: body }).count()).toBe(0);

    // The author reads the notice, with the reason, and follows it to their history.
    await visit(author.page, javaScript, `${hearth.url}/notifications`);
    expect(await author.page.getByRole("banner").getByRole("link", { name: "Notifications (1)", exact: true }).count()).toBe(1);
    const notice = author.page
      .getByRole("main")
      .getByRole("link", { name: `A moderator removed your post in “${title}”: ${HARASSMENT_TEMPLATE}`, exact: true });
    await notice.click();
    await author.page.getByRole("heading", { name: "Your moderation history", exact: true }).waitFor();
    await settled(author.page, javaScript);
    expect(new URL(author.page.url()).pathname).toBe("/settings/moderation");
    const entry = author.page.locator("ol.history > li").filter({ hasText: "A moderator removed your post" });
    await entry.getByText(`Reason: ${HARASSMENT_TEMPLATE}`, { exact: true }).waitFor();
    // It appeals, with a note.
    const appealNote = "It was my own post asking for help, not harassment.";
    await entry.getByLabel("Why should a moderator look at this again?", { exact: true }).fill(appealNote);
    await press(author.page, javaScript, entry.getByRole("button", { name: "Send appeal", exact: true }));
    await author.page
      .getByRole("status")
      .getByText("Your appeal was sent. A moderator will look at it, and you will be told the outcome.", { exact: true })
      .waitFor();
    await author.page.getByText("You appealed. Your appeal is waiting for a moderator.", { exact: true }).waitFor();
    expect(await author.page.getByRole("button", { name: "Send appeal", exact: true }).count()).toBe(0);

    // The moderator finds the appeal in the queue and opens it.
    await openQueue(moderator, hearth.url);
    const appealItem = moderator.page.locator("li.queue-item").filter({ has: moderator.page.getByRole("heading", { name: "Appeal", exact: true }) });
    await appealItem.waitFor();
    await appealItem.getByText(appealNote, { exact: true }).waitFor();
    await appealItem.getByRole("link", { name: "Read and decide the appeal", exact: true }).click();
    await moderator.page.getByRole("heading", { name: `Appeal from ${author.pseudonym}`, exact: true }).waitFor();
    await settled(moderator.page, javaScript);
    expect(new URL(moderator.page.url()).pathname).toMatch(/^\/mod\/appeals\/[0-9a-f-]{36}$/);
    await moderator.page.getByText("Post removed", { exact: true }).waitFor();
    await moderator.page.getByText(`Reason given: ${HARASSMENT_TEMPLATE}`, { exact: true }).waitFor();
    await moderator.page.getByText(appealNote, { exact: true }).waitFor();
    // The removed text is folded until the moderator chooses to read it.
    const folded = moderator.page.locator("details.removed-post");
    expect(await folded.getAttribute("open")).toBeNull();
    expect(await folded.locator(".post-body").isVisible()).toBe(false);
    await folded.locator("summary").click();
    expect(await folded.getAttribute("open")).not.toBeNull();
    expect(await folded.locator(".post-body").innerText()).toContain(body);
    // Overturned, with a response.
    const response = "You are right, sorry. Your post is back.";
    await moderator.page.getByLabel("Overturn: the post becomes visible again", { exact: true }).check();
    await moderator.page.getByLabel("Response to the member (optional)", { exact: true }).fill(response);
    await press(moderator.page, javaScript, moderator.page.getByRole("button", { name: "Save decision", exact: true }));
    await moderator.page.getByRole("status").getByText("Decision saved. The member has been told.", { exact: true }).waitFor();
    await moderator.page.getByText("This appeal was decided: the decision was overturned.", { exact: true }).waitFor();
    await settled(moderator.page, javaScript);

    // The author is told the outcome, in the history and in the notifications.
    await visit(author.page, javaScript, `${hearth.url}/settings/moderation`);
    await author.page.getByText("You appealed. A moderator reviewed it and overturned the decision.", { exact: true }).waitFor();
    await author.page.getByText(`The moderator's response: ${response}`, { exact: true }).waitFor();
    await visit(author.page, javaScript, `${hearth.url}/notifications`);
    await author.page
      .getByRole("main")
      .getByRole("link", { name: `Your appeal about your removed post in “${title}”: the decision was overturned. ${response}`, exact: true })
      .waitFor();

    // The post is visible again to the member who reported it.
    await visit(reader.page, javaScript, threadUrl);
    await reader.page.getByRole("heading", { name: title, exact: true }).waitFor();
    await reader.page.locator(".post-body", { hasText: body }).waitFor();
    expect(await reader.page.locator("li.post").count()).toBe(1);
  });

  test(`${mode}: a new member's first thread waits, is invisible to others, and appears when approved`, { timeout: 120_000 }, async () => {
    const hearth = await startTestHearth({ database: await createTestDatabase({ probation: true }) });
    onTestFinished(hearth.close);
    const newcomer = await joined(hearth.url, javaScript, "Dune");
    const other = await joined(hearth.url, javaScript, "Elm");
    const moderator = await joined(hearth.url, javaScript, "Fir");
    await setRole(hearth, moderator, "moderator");

    // The newcomer's thread waits; they are told so, and see it marked.
    const title = "First time posting here";
    const body = "I have not told anyone yet. Is it normal to feel numb?";
    const threadUrl = await startThread(newcomer, hearth.url, title, body);
    await newcomer.page.getByRole("status").getByText("Your post is saved and waiting for a moderator.", { exact: false }).waitFor();
    await newcomer.page.getByText("This thread is waiting for a moderator. Only you can see it for now.", { exact: true }).waitFor();
    await newcomer.page.locator("li.post header", { hasText: "Waiting for a moderator" }).waitFor();
    await newcomer.page.getByText("You can add replies once a moderator has approved this thread.", { exact: true }).waitFor();
    await visit(newcomer.page, javaScript, `${hearth.url}/f/support`);
    const ownListing = newcomer.page.locator("main li").filter({ has: newcomer.page.getByRole("link", { name: title, exact: true }) });
    await ownListing.getByText("Waiting for a moderator", { exact: true }).waitFor();

    // Nobody else sees it: not at its address, not in the forum.
    await expectNotFound(other, threadUrl);
    await visit(other.page, javaScript, `${hearth.url}/f/support`);
    await other.page.getByRole("link", { name: "Start a thread", exact: true }).waitFor();
    expect(await other.page.getByRole("link", { name: title, exact: true }).count()).toBe(0);
    expect(await other.page.getByText(title, { exact: false }).count()).toBe(0);

    // The moderator approves it from the queue.
    await openQueue(moderator, hearth.url);
    const item = queueItem(moderator.page, `Member: ${newcomer.pseudonym}`);
    await item.waitFor();
    expect(await item.getByRole("heading", { level: 2 }).innerText()).toBe("New member's post");
    expect(await item.locator(".post-body").innerText()).toContain(body);
    await press(moderator.page, javaScript, item.getByRole("button", { name: "Approve", exact: true }));
    await moderator.page.getByRole("status").getByText("Done: Approve.", { exact: true }).waitFor();
    await settled(moderator.page, javaScript);
    expect(await queueItem(moderator.page, `Member: ${newcomer.pseudonym}`).count()).toBe(0);

    // Now the other member sees it, in the forum and at its address.
    await visit(other.page, javaScript, `${hearth.url}/f/support`);
    await other.page.getByRole("link", { name: title, exact: true }).click();
    await other.page.getByRole("heading", { name: title, exact: true }).waitFor();
    await settled(other.page, javaScript);
    expect(other.page.url().split("?")[0]).toBe(threadUrl);
    await other.page.locator(".post-body", { hasText: body }).waitFor();
    expect(await other.page.getByText("Waiting for a moderator", { exact: false }).count()).toBe(0);
    // And the newcomer's thread is no longer marked as waiting.
    await visit(newcomer.page, javaScript, threadUrl);
    await newcomer.page.locator(".post-body", { hasText: body }).waitFor();
    expect(await newcomer.page.getByText("This thread is waiting for a moderator.", { exact: false }).count()).toBe(0);
    await newcomer.page.getByRole("button", { name: "Post reply", exact: true }).waitFor();
  });
}

test("axe finds no serious or critical problem on the moderation and admin pages, nor on /waiting", { timeout: 180_000 }, async () => {
  const hearth = await startTestHearth({ database: await createTestDatabase({ probation: true }) });
  onTestFinished(hearth.close);
  const javaScript = true;
  const found: Record<string, Finding[]> = {};
  const check = async (p: Person, name: string) => {
    const violations = await seriousViolations(p.page);
    if (violations.length > 0) found[name] = violations;
  };

  const admin = await joined(hearth.url, javaScript, "Gale");
  await setRole(hearth, admin, "admin");
  const author = await joined(hearth.url, javaScript, "Hazel");
  // Past probation, so the author's thread is visible and can be reported.
  await hearth.database.db.update(members).set({ approvedPosts: 3 }).where(eq(members.pseudonym, author.pseudonym));
  const reporter = await joined(hearth.url, javaScript, "Iris");
  const newcomer = await joined(hearth.url, javaScript, "Juniper");

  // A report of sexual content (folded in the queue) and a report of a member.
  const body = "Someone posted a picture of me on a forum. How do I get it taken down?";
  const threadUrl = await startThread(author, hearth.url, "Getting a picture taken down", body);
  await visit(reporter.page, javaScript, threadUrl);
  await reporter.page.locator("li.post").first().getByRole("link", { name: "Report", exact: true }).click();
  await reporter.page.getByLabel("Sexual content or images", { exact: true }).check();
  await press(reporter.page, javaScript, reporter.page.getByRole("button", { name: "Send the report", exact: true }));
  await reporter.page.getByRole("status").getByText("Thank you. The moderators will look at this post.", { exact: true }).waitFor();
  await visit(reporter.page, javaScript, threadUrl);
  await reporter.page.getByRole("link", { name: `Report ${author.pseudonym}`, exact: true }).click();
  await reporter.page.getByLabel("Spam or advertising", { exact: true }).check();
  await press(reporter.page, javaScript, reporter.page.getByRole("button", { name: "Send the report", exact: true }));
  await reporter.page.getByRole("status").getByText("Thank you. The moderators will look at this.", { exact: true }).waitFor();
  // A new member's post waiting (probation).
  await startThread(newcomer, hearth.url, "Hello from a newcomer", "Just saying hello, I am glad this place exists.");
  await newcomer.page.getByText("This thread is waiting for a moderator. Only you can see it for now.", { exact: true }).waitFor();

  // A member who joins while registration needs approval waits on /waiting (and is an item).
  await writeSetting(hearth.database.db, "registration.mode", "approval");
  const waiting = await joined(hearth.url, javaScript, "Kestrel");
  await waiting.page.getByRole("link", { name: "I have kept my codes — continue", exact: true }).click();
  await waiting.page.getByRole("heading", { name: "Your account is waiting", exact: true }).waitFor();
  await settled(waiting.page, javaScript);
  expect(new URL(waiting.page.url()).pathname).toBe("/waiting");
  await check(waiting, "/waiting");

  // The queue with a report, a member report, a pending post and a waiting member.
  await openQueue(admin, hearth.url);
  const postReport = queueItem(admin.page, `Thread: Getting a picture taken down`).filter({ has: admin.page.locator("details.mod-collapsed") });
  await postReport.waitFor();
  expect(await postReport.locator("details.mod-collapsed").getAttribute("open")).toBeNull();
  await queueItem(admin.page, "Hello from a newcomer").waitFor();
  await admin.page.getByRole("heading", { name: "Waiting to join", exact: true }).waitFor();
  expect(await admin.page.getByRole("heading", { name: "Report · 1 report", exact: true }).count()).toBe(2);
  await check(admin, "/mod");
  await postReport.locator("details.mod-collapsed > summary").click();
  await check(admin, "/mod (content opened)");

  // A removal with a reason, and the author's appeal: the appeal's item and page.
  await postReport.getByLabel("Choose a reason", { exact: true }).selectOption({ label: SEXUAL_TEMPLATE });
  await press(admin.page, javaScript, postReport.getByRole("button", { name: "Remove (the author is told)", exact: true }));
  await admin.page.getByRole("status").getByText("Done: Remove (the author is told).", { exact: true }).waitFor();
  await check(admin, "/mod (done notice)");
  await visit(author.page, javaScript, `${hearth.url}/settings/moderation`);
  await author.page.getByLabel("Why should a moderator look at this again?", { exact: true }).fill("I was asking for help, not sharing anything.");
  await press(author.page, javaScript, author.page.getByRole("button", { name: "Send appeal", exact: true }));
  await author.page.getByText("You appealed. Your appeal is waiting for a moderator.", { exact: true }).waitFor();
  await check(author, "/settings/moderation");

  await openQueue(admin, hearth.url);
  const appealItem = admin.page.locator("li.queue-item").filter({ has: admin.page.getByRole("heading", { name: "Appeal", exact: true }) });
  await appealItem.waitFor();
  await check(admin, "/mod (with an appeal)");
  await appealItem.getByRole("link", { name: "Read and decide the appeal", exact: true }).click();
  await admin.page.getByRole("heading", { name: `Appeal from ${author.pseudonym}`, exact: true }).waitFor();
  await settled(admin.page, javaScript);
  await check(admin, "/mod/appeals/:id");
  await admin.page.locator("details.removed-post > summary").click();
  await check(admin, "/mod/appeals/:id (text opened)");

  await visit(admin.page, javaScript, `${hearth.url}/mod/audit`);
  await admin.page.getByRole("heading", { name: "Audit log", exact: true }).waitFor();
  const removalRow = admin.page.locator("table.audit tbody tr").filter({ hasText: "removed a post" });
  await removalRow.getByRole("cell", { name: admin.pseudonym, exact: true }).waitFor();
  await removalRow.getByRole("cell", { name: SEXUAL_TEMPLATE, exact: true }).waitFor();
  await check(admin, "/mod/audit");

  await visit(admin.page, javaScript, `${hearth.url}/mod/members/${await memberId(hearth, author)}`);
  await admin.page.getByRole("heading", { name: `Member: ${author.pseudonym}`, exact: true }).waitFor();
  await check(admin, "/mod/members/:id");

  for (const [path, heading] of [
    ["/admin", "Administration"],
    ["/admin/settings", "Settings"],
    ["/admin/moderators", "Moderators and admins"],
    ["/admin/invites", "Invitations"],
  ] as const) {
    await visit(admin.page, javaScript, `${hearth.url}${path}`);
    await admin.page.getByRole("main").getByRole("heading", { name: heading, exact: true }).first().waitFor();
    await check(admin, path);
  }

  expect(found).toEqual({});
});
