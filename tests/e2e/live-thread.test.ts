// Live pages in Chromium (docs/realtime.md, "Live pages"). JavaScript on: a member with a thread
// open sees another member's reply appear without a reload, below what they are reading, which
// does not move, with a "new reply" control that takes them to it; an edit and a deletion change
// the post in place; a reply by someone they block arrives collapsed; on an earlier page the
// control links to the last one; the header's count follows a mention; /mod follows its queue
// without taking what a moderator is typing. JavaScript off: the same pages, as they always were.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, onTestFinished, test } from "vitest";
import { blocks, members } from "#db/schema.ts";
import { relaxed, replyTo, startThread } from "#tests/helpers/forums.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { startTestHearth, type TestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, failOnPageErrors, openContext } from "./browser.ts";
import { submitSignIn, visit } from "./steps.ts";

const browser = browserForThisFile();

async function server() {
  const hearth = await startTestHearth({ throttle: relaxed() });
  onTestFinished(hearth.close);
  return hearth;
}

/** A member who may post at once, signed in over HTTP (the "other member", without a browser). */
async function member(hearth: TestHearth, role: "member" | "moderator" = "member") {
  const m = await makeMember(hearth.database.db);
  await hearth.database.db.update(members).set({ role, approvedPosts: 10 }).where(eq(members.id, m.memberId));
  const client = new Browserless(hearth.url);
  expect((await client.post("/login", { pseudonym: m.pseudonym, password: m.password })).status).toBe(302);
  return { ...m, id: m.memberId, client, viewer: { id: m.memberId, role } };
}
type Member = Awaited<ReturnType<typeof member>>;

/** The same member in Chromium. */
async function inBrowser(hearth: TestHearth, who: Member, javaScript: boolean) {
  const watched = await openContext(await browser(), { javaScript });
  failOnPageErrors(watched);
  await visit(watched.page, javaScript, `${hearth.url}/login`);
  await submitSignIn(watched.page, javaScript, who.pseudonym, who.password);
  await watched.page.getByRole("banner").getByText(`Signed in as ${who.pseudonym}`, { exact: true }).waitFor();
  // Off Hearth: no page, no socket, until the test opens one.
  await watched.page.goto("about:blank");
  return watched.page;
}

const LONG = "A long post, so that the page scrolls.\n\n".repeat(8);

async function reply(author: Member, threadId: string, body: string) {
  const res = await author.client.post(`/t/${threadId}`, { idempotencyKey: randomUUID(), intent: "post", body, contentWarning: "" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!, "http://x").hash.replace("#post-", "");
}

async function openWatching(page: Page, url: string) {
  await visit(page, true, url);
  await page.locator("ol.posts[data-live=watching]").waitFor();
  // Set once: a reload would lose it.
  await page.evaluate(() => {
    (window as unknown as { stayed: boolean }).stayed = true;
  });
}

/** Resolves when the page's socket has connected: socket.io connects over HTTP first (the server
 *  puts the socket in its member's and the moderators' rooms then) and only afterwards upgrades
 *  to a WebSocket. Call before the page loads. */
function socketOpen(page: Page) {
  return page.waitForEvent("websocket", (ws) => ws.url().includes("/socket.io/"));
}

const stayed = (page: Page) => page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);

test("JavaScript on: a reply appears live on an open thread, with the marker, and nothing the reader reads moves", async () => {
  const hearth = await server();
  const [reader, writer, blocked] = [await member(hearth), await member(hearth), await member(hearth)];
  const db = hearth.database.db;
  const { threadId } = await startThread(db, writer.viewer, { title: "Still here", body: LONG });
  for (let i = 1; i <= 5; i++) await replyTo(db, writer.viewer, threadId, `Reply ${i}. ${LONG}`);
  await db.insert(blocks).values({ blockerId: reader.id, blockedId: blocked.id });
  const page = await inBrowser(hearth, reader, true);
  await openWatching(page, `${hearth.url}/t/${threadId}`);

  // The reader is reading the third post.
  const reading = page.locator("ol.posts > li").nth(2);
  await reading.evaluate((el) => el.scrollIntoView({ block: "start" }));
  const before = await reading.evaluate((el) => el.getBoundingClientRect().top);
  const postId = await reply(writer, threadId, "You are **not** alone in this.");

  const live = page.locator(`#post-${postId}`);
  await live.getByText("not alone in this", { exact: false }).waitFor();
  // Rendered as the page renders posts: the author, and the reader's actions on it.
  expect(await live.locator("header.meta strong").innerText()).toBe(writer.pseudonym);
  expect(await live.getByRole("link", { name: "Report", exact: true }).count()).toBe(1);
  expect(await live.getByRole("button", { name: `Block ${writer.pseudonym}`, exact: true }).count()).toBe(1);
  const marker = page.getByRole("button", { name: "1 new reply: show it", exact: true });
  await marker.waitFor();
  expect(await page.locator(".live-replies").getAttribute("aria-live")).toBe("polite");
  expect(await reading.evaluate((el) => el.getBoundingClientRect().top)).toBeCloseTo(before, 0);
  expect(await stayed(page)).toBe(true);

  // The marker takes the reader to the new reply, and goes.
  await marker.click();
  await page.waitForFunction((id) => document.activeElement?.id === `post-${id}`, postId);
  const top = await live.evaluate((el) => el.getBoundingClientRect().top);
  expect(top).toBeGreaterThan(-1);
  expect(top).toBeLessThan(page.viewportSize()!.height);
  expect(await page.locator(".live-replies button").count()).toBe(0);

  // An edit replaces the body in place; the author's deletion leaves a placeholder.
  expect((await writer.client.post(`/p/${postId}/edit`, { intent: "post", body: "You are not alone. Edited.", contentWarning: "" })).status).toBe(302);
  await live.getByText("You are not alone. Edited.", { exact: true }).waitFor();
  expect(await live.locator("header.meta").innerText()).toContain("edited");
  expect((await writer.client.post(`/p/${postId}/edit`, { action: "delete" })).status).toBe(302);
  await live.getByText("This post is no longer shown.", { exact: true }).waitFor();
  expect(await live.locator(".post-body").count()).toBe(0);

  // Someone the reader blocks: collapsed, as the page collapses their posts.
  const fromBlocked = await reply(blocked, threadId, "Something the reader chose not to see.");
  const collapsed = page.locator(`#post-${fromBlocked} details.blocked`);
  await collapsed.waitFor();
  expect(await collapsed.getAttribute("open")).toBeNull();
  expect(await collapsed.locator("summary").innerText()).toBe("A post from someone you blocked. Show it anyway");
  expect(await stayed(page)).toBe(true);
});

test("JavaScript on: after a reconnection the page watches again and shows what it missed while away", async () => {
  const hearth = await server();
  const [reader, writer] = [await member(hearth), await member(hearth)];
  const { threadId } = await startThread(hearth.database.db, writer.viewer, { title: "Away for a moment" });
  const page = await inBrowser(hearth, reader, true);
  await openWatching(page, `${hearth.url}/t/${threadId}`);

  // The server closes the reader's sockets (as a role change does), and the way back is held.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/socket.io/**", async (route) => {
    await released;
    await route.continue();
  });
  await hearth.database.pool.query("select pg_notify('hearth_live', $1)", [JSON.stringify({ kind: "close-member", memberId: reader.id })]);
  await page.locator("ol.posts:not([data-live])").waitFor();
  const postId = await reply(writer, threadId, "Posted while you were away.");

  release();
  await page.locator("ol.posts[data-live=watching]").waitFor();
  await page.locator(`#post-${postId}`).getByText("Posted while you were away.", { exact: true }).waitFor();
  await page.getByRole("button", { name: "1 new reply: show it", exact: true }).waitFor();
  expect(await stayed(page)).toBe(true);
});

test("JavaScript on: on an earlier page, the marker links to the last page", async () => {
  const hearth = await server();
  const [reader, writer] = [await member(hearth), await member(hearth)];
  const db = hearth.database.db;
  const { threadId } = await startThread(db, writer.viewer, { title: "A long thread" });
  for (let i = 1; i <= 25; i++) await replyTo(db, writer.viewer, threadId, `Reply ${i}.`);
  const page = await inBrowser(hearth, reader, true);
  await openWatching(page, `${hearth.url}/t/${threadId}`);
  const postId = await reply(writer, threadId, "The newest reply, on page two.");
  const link = page.getByRole("link", { name: "1 new reply on the last page", exact: true });
  await link.waitFor();
  expect(await page.locator(`#post-${postId}`).count()).toBe(0);
  await link.click();
  await page.locator(`#post-${postId}`).getByText("The newest reply, on page two.", { exact: true }).waitFor();
  expect(new URL(page.url()).searchParams.get("page")).toBe("last");
});

test("JavaScript on: the header's count follows a mention without a reload", async () => {
  const hearth = await server();
  const [reader, writer] = [await member(hearth), await member(hearth)];
  const { threadId } = await startThread(hearth.database.db, writer.viewer, { title: "Mentions" });
  const page = await inBrowser(hearth, reader, true);
  const upgraded = socketOpen(page);
  await visit(page, true, `${hearth.url}/forums`);
  const header = page.getByRole("banner");
  await header.getByRole("link", { name: "Notifications", exact: true }).waitFor();
  await upgraded;
  await page.evaluate(() => {
    (window as unknown as { stayed: boolean }).stayed = true;
  });
  await reply(writer, threadId, `Thinking of you, @${reader.pseudonym}.`);
  await header.getByRole("link", { name: "Notifications (1)", exact: true }).waitFor();
  expect(await stayed(page)).toBe(true);
});

test("JavaScript on: /mod follows its queue, and waits while a moderator is typing", async () => {
  const hearth = await server();
  const [mod, reporter, writer] = [await member(hearth, "moderator"), await member(hearth), await member(hearth)];
  const db = hearth.database.db;
  const first = await startThread(db, writer.viewer, { title: "First reported" });
  const second = await startThread(db, writer.viewer, { title: "Second reported" });
  const page = await inBrowser(hearth, mod, true);
  const upgraded = socketOpen(page);
  await visit(page, true, `${hearth.url}/mod`);
  await page.getByText("0 open items", { exact: true }).waitFor();
  await upgraded;

  // Not typing: the new item appears by itself.
  expect((await reporter.client.post(`/p/${first.postId}/report`, { reason: "harassment", note: "" })).status).toBeLessThan(400);
  const item = page.locator("li.queue-item");
  await item.first().waitFor();
  expect(await item.count()).toBe(1);

  // Typing a reason: the queue is not read again under the moderator's hands.
  const reason = item.first().getByLabel("Or in your own words", { exact: true });
  await reason.fill("Checking with the author first");
  expect((await reporter.client.post(`/p/${second.postId}/report`, { reason: "spam", note: "" })).status).toBeLessThan(400);
  const show = page.getByRole("button", { name: "Show the latest queue", exact: true });
  await show.waitFor();
  expect(await page.locator(".live-queue").getAttribute("aria-live")).toBe("polite");
  expect(await item.count()).toBe(1);
  await show.click();
  await page.locator("li.queue-item").nth(1).waitFor();
  expect(await page.locator("li.queue-item").count()).toBe(2);
  // What the moderator typed is still there.
  expect(await page.getByRole("textbox", { name: "Or in your own words" }).evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))).toContain(
    "Checking with the author first",
  );
});

test("JavaScript off: the thread page and /mod are as they always were, and a reload shows the reply", async () => {
  const hearth = await server();
  const [reader, writer] = [await member(hearth, "moderator"), await member(hearth)];
  const { threadId } = await startThread(hearth.database.db, writer.viewer, { title: "Without JavaScript" });
  const page = await inBrowser(hearth, reader, false);
  await visit(page, false, `${hearth.url}/t/${threadId}`);
  expect(await page.locator(".live-replies").count()).toBe(0);
  expect(await page.locator("ol.posts[data-live]").count()).toBe(0);
  const postId = await reply(writer, threadId, "Read after a reload.");
  await visit(page, false, `${hearth.url}/t/${threadId}`);
  await page.locator(`#post-${postId}`).getByText("Read after a reload.", { exact: true }).waitFor();
  await visit(page, false, `${hearth.url}/mod`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  expect(await page.locator(".live-queue").count()).toBe(0);
});
