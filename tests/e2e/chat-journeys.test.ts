// Chat's journeys in Chromium (docs/chat.md): two members talk live in the lounge and a
// moderator's removal leaves both open screens at once; without JavaScript the room shows its
// messages and posting goes through the form and a redirect; a member on probation reads, and
// is told why they cannot write; axe on /chat and /chat/lounge with JavaScript on and off.
import { asc, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, onTestFinished, test } from "vitest";
import { chatMessages, members, queueItems, reports } from "#db/schema.ts";
import { CHAT_HISTORY } from "#app/contracts/chat.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { createChatServices } from "#server/chat/services.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { startTestHearth, type TestHearth } from "#tests/helpers/server.ts";
import { seriousViolations, type Finding } from "./axe.ts";
import { browserForThisFile, failOnPageErrors, openContext, settled, type Watched } from "./browser.ts";
import { press, signedInAs, submitSignIn, visit } from "./steps.ts";

const browser = browserForThisFile();
// A 1×1 PNG, as a data: address would carry it.
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

type Person = Watched & { pseudonym: string; javaScript: boolean };
type Standing = { role?: "member" | "moderator"; approvedPosts?: number };

/** A member made in the database (past probation unless told), signed in through /login. */
async function signedIn(hearth: TestHearth, javaScript: boolean, prefix: string, standing: Standing = {}): Promise<Person> {
  const made = await makeMember(hearth.database.db, {
    pseudonym: `${prefix}${Math.random()
      .toString(36)
      .replace(/[^a-z]/g, "")
      .slice(0, 6)}`,
  });
  await hearth.database.db
    .update(members)
    .set({ role: standing.role ?? "member", approvedPosts: standing.approvedPosts ?? 10 })
    .where(eq(members.pseudonym, made.pseudonym));
  const watched = await openContext(await browser(), { javaScript });
  await visit(watched.page, javaScript, `${hearth.url}/login`);
  await submitSignIn(watched.page, javaScript, made.pseudonym, made.password);
  await signedInAs(watched.page, javaScript, made.pseudonym);
  return { ...watched, pseudonym: made.pseudonym, javaScript };
}

/** Opens a room from the header's Chat link and the room list, as a member would. */
async function openRoom(p: Person, url: string, name: string) {
  await visit(p.page, p.javaScript, `${url}/forums`);
  await p.page.getByRole("banner").getByRole("link", { name: "Chat", exact: true }).click();
  await p.page.getByRole("heading", { name: "Chat", level: 1, exact: true }).waitFor();
  await settled(p.page, p.javaScript);
  await p.page.getByRole("main").getByRole("link", { name, exact: true }).click();
  await p.page.getByRole("heading", { name, level: 1, exact: true }).waitFor();
  await settled(p.page, p.javaScript);
}

/** With JavaScript: waits until the room is live (joined over the page's socket). */
async function live(p: Person) {
  await p.page.locator("p.chat-connection:not(.offline)").waitFor({ state: "attached" });
}

const messages = (page: Page) => page.getByRole("region", { name: /^Messages in / }).locator("li.chat-message:not(.pending)");
const message = (page: Page, text: string) => messages(page).filter({ hasText: text });

/** The Send button: without JavaScript a POST and the redirect's page; with it, the socket. */
async function sendButton(p: Person) {
  const button = p.page.getByRole("button", { name: "Send", exact: true });
  if (p.javaScript) await button.click();
  else await press(p.page, false, button);
}

/** Marks the page so that a reload (a new document) would be noticed. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });
}
async function sameDocument(page: Page) {
  return page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true);
}

test("JavaScript on: two members chat live, and a moderator's removal disappears from both open screens at once", { timeout: 180_000 }, async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const ash = await signedIn(hearth, true, "Ash");
  const birch = await signedIn(hearth, true, "Birch");
  const cedar = await signedIn(hearth, true, "Cedar", { role: "moderator" });
  failOnPageErrors(ash, birch, cedar);
  for (const p of [ash, birch, cedar]) {
    await openRoom(p, hearth.url, "Lounge");
    await live(p);
    await markDocument(p.page);
  }

  // Everyone is counted; only the moderator sees who.
  for (const p of [ash, birch, cedar]) await p.page.getByText("3 members here", { exact: true }).waitFor();
  const names = [ash.pseudonym, birch.pseudonym, cedar.pseudonym].sort().join(", ");
  await cedar.page.getByText(`Here: ${names}`, { exact: true }).waitFor();
  expect(await birch.page.getByText(/Here: /).count()).toBe(0);

  // Ash starts typing: Birch is told someone is, the moderator who.
  await ash.page.getByLabel("Your message", { exact: true }).pressSequentially("Hel");
  await birch.page.getByText("Someone is typing…", { exact: true }).waitFor();
  await cedar.page.getByText(`${ash.pseudonym} is typing…`, { exact: true }).waitFor();
  expect(await ash.page.getByText("Someone is typing…", { exact: true }).count()).toBe(0);

  // Ash writes and presses Enter; Birch sees it without reloading, with its link made safe.
  const first = "Hello everyone, this page helped me: https://stopncii.org/how-it-works.";
  await ash.page.getByLabel("Your message", { exact: true }).fill(first);
  await ash.page.getByLabel("Your message", { exact: true }).press("Enter");
  await message(birch.page, first).waitFor();
  await message(ash.page, first).waitFor();
  expect(await ash.page.getByLabel("Your message", { exact: true }).inputValue()).toBe("");
  const link = message(birch.page, first).getByRole("link", { name: "https://stopncii.org/how-it-works", exact: true });
  expect(await link.getAttribute("href")).toBe("https://stopncii.org/how-it-works");
  expect(await link.getAttribute("rel")).toBe("nofollow noopener noreferrer ugc");
  expect(await message(birch.page, first).locator(".chat-meta strong").innerText()).toBe(ash.pseudonym);

  // Birch answers with the Send button; markup arrives as text.
  const reply = "Welcome <b>Ash</b>, glad you are here";
  await birch.page.getByLabel("Your message", { exact: true }).fill(reply);
  await birch.page.getByRole("button", { name: "Send", exact: true }).click();
  await message(ash.page, reply).waitFor();
  expect(await message(ash.page, reply).locator("b").count()).toBe(0);
  await message(cedar.page, reply).waitFor();
  await message(cedar.page, first).waitFor();
  // One copy each, in the order they were sent.
  for (const p of [ash, birch, cedar]) expect(await messages(p.page).locator(".chat-body").allInnerTexts()).toEqual([first, reply]);
  // Members see "Report"; only the moderator has the moderation forms.
  expect(
    await message(birch.page, first)
      .getByRole("link", { name: `Report the message from ${ash.pseudonym}`, exact: true })
      .count(),
  ).toBe(1);
  expect(await birch.page.getByRole("button", { name: "Remove the message", exact: true }).count()).toBe(0);

  // Cedar removes Ash's message: it leaves Ash's and Birch's screens, which never reloaded.
  const mine = message(cedar.page, first);
  await mine.getByText("Moderate", { exact: true }).click();
  await press(cedar.page, true, mine.getByRole("button", { name: "Remove the message", exact: true }));
  await cedar.page.getByRole("status").getByText("The message was removed.", { exact: true }).waitFor();
  for (const p of [ash, birch]) {
    await message(p.page, first).waitFor({ state: "detached" });
    expect(await messages(p.page).locator(".chat-body").allInnerTexts()).toEqual([reply]);
    expect(await sameDocument(p.page)).toBe(true);
  }
  expect(await message(cedar.page, first).count()).toBe(0);

  // An image pasted as a data: address is removed before anything is stored; Ash is told.
  await ash.page.getByLabel("Your message", { exact: true }).fill(`Here is the screenshot data:image/png;base64,${PIXEL} sorry`);
  await ash.page.getByLabel("Your message", { exact: true }).press("Enter");
  await ash.page
    .getByRole("status")
    .getByText(/^An image was removed from your message/)
    .waitFor();
  await message(birch.page, "Here is the screenshot").waitFor();
  expect(await message(birch.page, "Here is the screenshot").innerText()).not.toContain("data:image");
  expect(await message(ash.page, "Here is the screenshot").innerText()).not.toContain("data:image");

  // The moderator locks the room: the members' screens say so and lose the box, without a reload.
  await press(cedar.page, true, cedar.page.getByRole("button", { name: "Lock the room", exact: true }));
  await cedar.page.getByRole("status").getByText("The room is locked.", { exact: true }).waitFor();
  for (const p of [ash, birch]) {
    await p.page
      .locator("#chat-read-only")
      .getByText(/locked/)
      .waitFor();
    expect(await p.page.getByLabel("Your message", { exact: true }).count()).toBe(0);
    expect(await sameDocument(p.page)).toBe(true);
  }
  await press(cedar.page, true, cedar.page.getByRole("button", { name: "Unlock the room", exact: true }));
  await cedar.page.getByRole("status").getByText("The room is unlocked.", { exact: true }).waitFor();
  for (const p of [ash, birch]) await p.page.getByLabel("Your message", { exact: true }).waitFor();

  // And it stays gone on a fresh load.
  await visit(birch.page, true, `${hearth.url}/chat/lounge`);
  await message(birch.page, reply).waitFor();
  expect(await message(birch.page, first).count()).toBe(0);
});

test("JavaScript on: a screen that lost its connection says so, then catches up with no gap, no duplicate and the same order; what it sent meanwhile goes once", {
  timeout: 180_000,
}, async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const ash = await signedIn(hearth, true, "Ash");
  const birch = await signedIn(hearth, true, "Birch");
  failOnPageErrors(ash, birch);
  for (const p of [ash, birch]) {
    await openRoom(p, hearth.url, "Lounge");
    await live(p);
    await markDocument(p.page);
  }
  const say = async (p: Person, text: string) => {
    await p.page.getByLabel("Your message", { exact: true }).fill(text);
    await p.page.getByLabel("Your message", { exact: true }).press("Enter");
  };
  await say(ash, "before the cut");
  await message(birch.page, "before the cut").waitFor();

  // Birch's network goes, and the server closes its socket (as a role change would): it cannot
  // come back until the network does.
  const errorsBefore = birch.errors.length;
  await birch.context.setOffline(true);
  const [row] = await hearth.database.db.select({ id: members.id }).from(members).where(eq(members.pseudonym, birch.pseudonym));
  await createNotifyLive(hearth.database.pool).closeMemberSockets(row!.id);
  await birch.page.getByRole("status").getByText("Reconnecting…", { exact: true }).waitFor();

  // Birch writes while away: it waits as "sending…". Ash goes on talking.
  await say(birch, "written while offline");
  await say(birch, "and a second one");
  expect(await birch.page.locator("li.chat-message.pending").getByText("sending…", { exact: true }).count()).toBe(2);
  for (const text of ["while you were away 1", "while you were away 2", "while you were away 3"]) {
    await say(ash, text);
    await message(ash.page, text).waitFor();
  }
  // More than a join answers with (the last 50): only chat:sync, from the last id the server gave
  // Birch, can bring the rest. Sent through the service, pushed to open screens as the CLI would.
  const chat = createChatServices({ db: hearth.database.db, throttle: memoryThrottle(), live: createNotifyLive(hearth.database.pool) });
  const [ashRow] = await hearth.database.db.select().from(members).where(eq(members.pseudonym, ash.pseudonym));
  const actor = { id: ashRow!.id, role: ashRow!.role, status: ashRow!.status, suspendedUntil: null, postingPaused: false, moderatedForums: null };
  const bulk = Array.from({ length: CHAT_HISTORY + 10 }, (_, i) => `meanwhile ${String(i + 1).padStart(2, "0")}`);
  for (const body of bulk) await (await chat.send(actor, "lounge", { clientId: `bulk-${body.slice(-2)}`, body })).broadcast();
  await message(ash.page, bulk.at(-1)!).waitFor();
  expect(await message(birch.page, "while you were away").count()).toBe(0);

  // The network is back: Birch catches up, in order, once each, and its message goes once.
  await birch.context.setOffline(false);
  await live(birch);
  const expected = [
    "before the cut",
    "while you were away 1",
    "while you were away 2",
    "while you were away 3",
    ...bulk,
    "written while offline",
    "and a second one",
  ];
  await message(birch.page, "and a second one").waitFor();
  await message(ash.page, "and a second one").waitFor();
  expect(await birch.page.locator("li.chat-message.pending").count()).toBe(0);
  for (const p of [ash, birch]) expect(await messages(p.page).locator(".chat-body").allInnerTexts()).toEqual(expected);
  expect(await sameDocument(birch.page)).toBe(true);
  // Stored once each, in the order typed.
  const stored = await hearth.database.db.select({ body: chatMessages.body }).from(chatMessages).orderBy(asc(chatMessages.seq));
  expect(stored.map((m) => m.body)).toEqual(expected);
  // What Chromium logged while it had no network, and only that, is expected.
  const offline = birch.errors.splice(errorsBefore);
  expect(offline.filter((e) => !/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/.test(e))).toEqual([]);
});

test("JavaScript off: the room shows its messages, posting goes through the form, and the redirect shows the message", { timeout: 180_000 }, async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const dove = await signedIn(hearth, false, "Dove");
  const elm = await signedIn(hearth, false, "Elm");
  failOnPageErrors(dove, elm);

  await openRoom(dove, hearth.url, "Lounge");
  await dove.page.getByText("No messages yet.", { exact: true }).waitFor();
  const text = "Is anyone here tonight? I found www.example.org/guide (the takedown one).";
  await dove.page.getByLabel("Your message", { exact: true }).fill(text);
  await press(dove.page, false, dove.page.getByRole("button", { name: "Send", exact: true }));
  // Post/Redirect/Get: back on the room's own address, the message there.
  const after = new URL(dove.page.url());
  expect(after.pathname).toBe("/chat/lounge");
  expect(after.hash).toMatch(/^#m-\d{12}$/);
  await message(dove.page, text).waitFor();
  const link = message(dove.page, text).getByRole("link", { name: "www.example.org/guide", exact: true });
  expect(await link.getAttribute("href")).toBe("https://www.example.org/guide");
  expect(await link.getAttribute("rel")).toBe("nofollow noopener noreferrer ugc");
  // Reloading the page does not send it again.
  await dove.page.reload();
  expect(await message(dove.page, text).count()).toBe(1);

  // Elm opens the room, reads it, and answers; Dove reloads and sees the answer.
  await openRoom(elm, hearth.url, "Lounge");
  await message(elm.page, text).waitFor();
  await elm.page.getByLabel("Your message", { exact: true }).fill("I am here. <script>alert(1)</script>");
  await press(elm.page, false, elm.page.getByRole("button", { name: "Send", exact: true }));
  await message(elm.page, "I am here.").waitFor();
  expect(await message(elm.page, "I am here.").locator(".chat-body").innerText()).toBe("I am here. <script>alert(1)</script>");
  await dove.page.reload();
  expect(await messages(dove.page).locator(".chat-body").allInnerTexts()).toEqual([text, "I am here. <script>alert(1)</script>"]);

  // A refused message comes back in the form, with the reason announced. (The browser's own
  // limit is taken off the box first: the server's is the one that counts.) Chromium logs the
  // 400 answer as a console error; that line, and only it, is expected.
  await dove.page.getByLabel("Your message", { exact: true }).evaluate((box) => box.removeAttribute("maxlength"));
  await dove.page.getByLabel("Your message", { exact: true }).fill("x".repeat(2001));
  const before = dove.errors.length;
  await press(dove.page, false, dove.page.getByRole("button", { name: "Send", exact: true }));
  expect(dove.errors.splice(before).filter((e) => !/status of 400/.test(e))).toEqual([]);
  expect(await dove.page.getByRole("alert").innerText()).toContain("A message can be at most 2000 characters");
  expect(await dove.page.getByLabel("Your message", { exact: true }).inputValue()).toBe("x".repeat(2001));
  expect(await messages(dove.page).count()).toBe(2);
});

test("JavaScript off: a member reports a message into the queue; a moderator removes it, mutes a member, sets slow mode and locks the room", {
  timeout: 180_000,
}, async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const db = hearth.database.db;
  const jay = await signedIn(hearth, false, "Jay");
  const kit = await signedIn(hearth, false, "Kit");
  const lark = await signedIn(hearth, false, "Lark", { role: "moderator" });
  failOnPageErrors(jay, kit, lark);
  const send = async (p: Person, text: string) => {
    await p.page.getByLabel("Your message", { exact: true }).fill(text);
    await press(p.page, false, p.page.getByRole("button", { name: "Send", exact: true }));
  };
  for (const p of [jay, kit, lark]) await openRoom(p, hearth.url, "Lounge");
  await send(jay, "You should just post your address here");
  await message(jay.page, "You should just post").waitFor();
  await send(kit, "Please do not, stay safe");
  await message(kit.page, "Please do not").waitFor();

  // Kit reports Jay's message: a page with the message and the reasons, then back to the room.
  await message(kit.page, "You should just post")
    .getByRole("link", { name: `Report the message from ${jay.pseudonym}`, exact: true })
    .click();
  await kit.page.getByRole("heading", { name: "Report a chat message", exact: true }).waitFor();
  await kit.page.getByText("You should just post your address here", { exact: true }).waitFor();
  await kit.page.getByLabel("Harassment or threats", { exact: true }).check();
  await kit.page.getByLabel("Anything moderators should know (optional)", { exact: true }).fill("Pushing people to share where they live");
  await press(kit.page, false, kit.page.getByRole("button", { name: "Send the report", exact: true }));
  await kit.page.getByRole("status").getByText("Thank you. The moderators will look at this message.", { exact: true }).waitFor();
  expect(new URL(kit.page.url()).pathname).toBe("/chat/lounge");
  const [reported] = await db.select().from(chatMessages).where(eq(chatMessages.body, "You should just post your address here"));
  const filed = await db.select().from(reports).where(eq(reports.messageId, reported!.id));
  expect(filed.map((r) => ({ kind: r.targetKind, reason: r.reason, note: r.note }))).toEqual([
    { kind: "message", reason: "harassment", note: "Pushing people to share where they live" },
  ]);
  const queued = await db.select().from(queueItems).where(eq(queueItems.messageId, reported!.id));
  expect(queued.map((q) => ({ kind: q.kind, open: q.resolvedAt === null }))).toEqual([{ kind: "report", open: true }]);
  // The moderator finds it in the /mod queue, with its room.
  await visit(lark.page, false, `${hearth.url}/mod`);
  const item = lark.page.locator("li.queue-item").filter({ hasText: "You should just post your address here" });
  await item.getByText(/^Room: Lounge\b/).waitFor();

  // Lark removes it, with a reason: gone for everyone at the next load, and the report resolved.
  await visit(lark.page, false, `${hearth.url}/chat/lounge`);
  const target = message(lark.page, "You should just post");
  await target.getByText("Moderate", { exact: true }).click();
  await target.getByLabel("Reason (optional)", { exact: true }).first().fill("Asking for identifying details");
  await press(lark.page, false, target.getByRole("button", { name: "Remove the message", exact: true }));
  await lark.page.getByRole("status").getByText("The message was removed.", { exact: true }).waitFor();
  expect(await message(lark.page, "You should just post").count()).toBe(0);
  await jay.page.reload();
  expect(await messages(jay.page).locator(".chat-body").allInnerTexts()).toEqual(["Please do not, stay safe"]);
  const [resolved] = await db.select().from(queueItems).where(eq(queueItems.messageId, reported!.id));
  expect(resolved!.resolvedAt).not.toBeNull();

  // Lark mutes Jay for ten minutes: Jay reads, and is told until when.
  await send(jay, "Fine, sorry");
  await message(jay.page, "Fine, sorry").waitFor();
  await visit(lark.page, false, `${hearth.url}/chat/lounge`);
  const sorry = message(lark.page, "Fine, sorry");
  await sorry.getByText("Moderate", { exact: true }).click();
  await sorry.getByLabel("Mute for", { exact: true }).selectOption({ label: "10 minutes" });
  await press(lark.page, false, sorry.getByRole("button", { name: `Mute ${jay.pseudonym} in this room`, exact: true }));
  await lark.page.getByRole("status").getByText("The member is muted in this room.", { exact: true }).waitFor();
  await jay.page.reload();
  const muted = await jay.page.locator("#chat-read-only").innerText();
  expect(muted).toMatch(/^A moderator has muted you in this room until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(10 more minutes\)\. You can still read\.$/);
  expect(await jay.page.getByLabel("Your message", { exact: true }).count()).toBe(0);

  // Slow mode: Kit wrote a moment ago, so the next message, inside the gap, is refused with how
  // long to wait, and stays in the box.
  await lark.page.getByLabel("Slow mode", { exact: true }).selectOption({ label: "One message every 300 seconds" });
  await press(lark.page, false, lark.page.getByRole("button", { name: "Set slow mode", exact: true }));
  await lark.page.getByRole("status").getByText("Slow mode was changed.", { exact: true }).waitFor();
  await kit.page.reload();
  await kit.page.getByText("Slow mode is on: each member can send one message every 300 seconds.", { exact: true }).waitFor();
  const before = kit.errors.length;
  await send(kit, "And another");
  expect(kit.errors.splice(before).filter((e) => !/status of 400/.test(e))).toEqual([]);
  expect(await kit.page.getByRole("alert").innerText()).toMatch(/Slow mode is on in this room: please wait \d+ s before your next message\./);
  expect(await kit.page.getByLabel("Your message", { exact: true }).inputValue()).toBe("And another");
  expect(await message(kit.page, "And another").count()).toBe(0);

  // The lock: members read and are told why; the moderator still writes, and unlocks.
  await press(lark.page, false, lark.page.getByRole("button", { name: "Lock the room", exact: true }));
  await lark.page.getByRole("status").getByText("The room is locked.", { exact: true }).waitFor();
  await lark.page.getByText("This room is locked: members can read but not write. You can, as a moderator.", { exact: true }).waitFor();
  await visit(kit.page, false, `${hearth.url}/chat`);
  await kit.page.getByRole("main").getByText("Locked", { exact: true }).waitFor();
  await visit(kit.page, false, `${hearth.url}/chat/lounge`);
  await kit.page.getByText("This room is locked by the moderators for now: you can read, but not write.", { exact: true }).waitFor();
  expect(await kit.page.getByLabel("Your message", { exact: true }).count()).toBe(0);
  await send(lark, "The room is locked for a little while.");
  await message(lark.page, "The room is locked for a little while.").waitFor();
  await press(lark.page, false, lark.page.getByRole("button", { name: "Unlock the room", exact: true }));
  await lark.page.getByRole("status").getByText("The room is unlocked.", { exact: true }).waitFor();
  await kit.page.reload();
  expect(await kit.page.getByLabel("Your message", { exact: true }).count()).toBe(1);
});

for (const javaScript of [true, false]) {
  test(`${javaScript ? "JavaScript on" : "JavaScript off"}: a member on probation reads the lounge and is told why they cannot write`, async () => {
    const hearth = await startTestHearth({ database: await createTestDatabase({ probation: true }) });
    onTestFinished(hearth.close);
    const fern = await signedIn(hearth, javaScript, "Fern");
    const newcomer = await signedIn(hearth, javaScript, "Gale", { approvedPosts: 0 });
    failOnPageErrors(fern, newcomer);
    await openRoom(fern, hearth.url, "Lounge");
    await fern.page.getByLabel("Your message", { exact: true }).fill("Good evening, all.");
    await sendButton(fern);
    await message(fern.page, "Good evening, all.").waitFor();

    await visit(newcomer.page, javaScript, `${hearth.url}/chat`);
    // The members' room is not listed for a member on probation; the lounge is.
    const rooms = newcomer.page.getByRole("main").getByRole("heading", { level: 2 });
    expect(await rooms.allInnerTexts()).toEqual(["Lounge", "Daily check-in"]);
    await openRoom(newcomer, hearth.url, "Lounge");
    await message(newcomer.page, "Good evening, all.").waitFor();
    await newcomer.page
      .getByText("As a new member you can read this room for now. You can write once your first posts have been approved.", { exact: true })
      .waitFor();
    expect(await newcomer.page.getByLabel("Your message", { exact: true }).count()).toBe(0);
    expect(await newcomer.page.getByRole("button", { name: "Send", exact: true }).count()).toBe(0);
    // The members' room itself is a 404 for them.
    const before = newcomer.errors.length;
    const response = await newcomer.page.goto(`${hearth.url}/chat/members`);
    expect(response?.status()).toBe(404);
    await newcomer.page.getByRole("heading", { name: "Page not found", exact: true }).waitFor();
    expect(newcomer.errors.splice(before).filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
}

test("axe finds no serious or critical problem on /chat and /chat/lounge, with JavaScript on and off", { timeout: 180_000 }, async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const found: Record<string, Finding[]> = {};
  for (const javaScript of [true, false]) {
    const mode = javaScript ? "JavaScript on" : "JavaScript off";
    const holly = await signedIn(hearth, javaScript, "Holly", { role: "moderator" });
    const iris = await signedIn(hearth, javaScript, "Iris");
    for (const p of [holly, iris]) {
      await openRoom(p, hearth.url, "Lounge");
      if (javaScript) await live(p);
      await p.page.getByLabel("Your message", { exact: true }).fill(`A message from ${p.pseudonym}, see https://example.org/help`);
      await sendButton(p);
      await message(p.page, `A message from ${p.pseudonym}`).waitFor();
    }
    for (const p of [holly, iris]) {
      const who = p === holly ? "moderator" : "member";
      await visit(p.page, javaScript, `${hearth.url}/chat`);
      await check(p.page, `${mode}, ${who}: /chat`);
      await visit(p.page, javaScript, `${hearth.url}/chat/lounge`);
      await message(p.page, `A message from ${iris.pseudonym}`).waitFor();
      if (javaScript) await live(p);
      await check(p.page, `${mode}, ${who}: /chat/lounge`);
    }
    // A refused message, then the report page.
    const box = iris.page.getByLabel("Your message", { exact: true });
    await box.evaluate((element) => element.removeAttribute("maxlength"));
    await box.fill("y".repeat(2001));
    await sendButton(iris);
    await iris.page.getByRole("alert").first().waitFor();
    await check(iris.page, `${mode}: /chat/lounge with a refused message`);
    await message(iris.page, holly.pseudonym)
      .getByRole("link", { name: `Report the message from ${holly.pseudonym}`, exact: true })
      .click();
    await iris.page.getByRole("heading", { name: "Report a chat message", exact: true }).waitFor();
    await settled(iris.page, javaScript);
    await check(iris.page, `${mode}: the report page`);
  }
  expect(found).toEqual({});

  async function check(page: Page, name: string) {
    const violations = await axeOn(page, !name.startsWith("JavaScript off"));
    if (violations.length > 0) found[name] = violations;
  }
});

/**
 * axe runs in the page and needs script (its work is scheduled with timers). Without JavaScript,
 * the page's HTML as that browser received it — Hearth's scripts taken out, nothing else changed —
 * is served at the same address to a page that runs axe alone, so the styles (and so the contrast)
 * are the real ones too.
 */
async function axeOn(page: Page, javaScript: boolean): Promise<Finding[]> {
  if (javaScript) return seriousViolations(page);
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "").replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, "");
  const { page: checker } = await openContext(await browser(), { javaScript: true });
  const url = page.url().split("#")[0]!;
  await checker.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await checker.goto(url);
  await checker.waitForLoadState("load");
  return seriousViolations(checker);
}
