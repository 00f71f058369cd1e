// A member's own moderation history (/settings/moderation) and their private notices
// (/notifications): their events only, newest first, with the moderators' reasons, in English
// and Chinese; suspended members can read it and appeal; text is shown as text.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { appeals, members, moderationEvents, notifications, posts, queueItems, threads } from "#db/schema.ts";
import { history } from "#server/appeals/history.ts";
import type { Actor } from "#server/authz/policy.ts";
import { recordEvent } from "#server/moderation/events.ts";
import { startThread } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;

async function person(headers: Record<string, string> = {}) {
  const m = await makeMember(db);
  const client = new Browserless(hearth.url, headers);
  expect((await client.post("/login", { pseudonym: m.pseudonym, password: m.password })).status).toBe(302);
  const actor: Actor = { id: m.memberId, role: "member", status: "active", suspendedUntil: null, postingPaused: false, moderatedForums: null };
  return { ...m, id: m.memberId, client, actor };
}

/** Events a second apart, so "newest first" is a real order. */
async function at(secondsAgo: number, event: Parameters<typeof recordEvent>[1]) {
  const id = await recordEvent(db, event);
  await db
    .update(moderationEvents)
    .set({ createdAt: new Date(Date.now() - secondsAgo * 1000) })
    .where(eq(moderationEvents.id, id));
  return id;
}

test("the history shows the member's own events, newest first, with reasons and their threads; never another member's", async () => {
  const me = await person();
  const other = await person();
  const kept = await startThread(db, { id: me.id, role: "member" }, { title: "Still here" });
  const gone = await startThread(db, { id: me.id, role: "member" }, { title: "Taken down" });
  await db.update(posts).set({ status: "removed" }).where(eq(posts.id, gone.postId));
  await db.update(threads).set({ status: "removed" }).where(eq(threads.id, gone.threadId));
  await at(30, { memberId: me.id, kind: "removal", reason: "Names a workplace", postId: kept.postId, threadId: kept.threadId, context: "Still here" });
  await at(20, { memberId: me.id, kind: "removal", reason: "Shares an address", postId: gone.postId, threadId: gone.threadId, context: "Taken down" });
  await at(10, { memberId: me.id, kind: "warning", reason: "<b>Please</b> be kind" });
  await at(5, { memberId: other.id, kind: "warning", reason: "Someone else's secret reason" });

  const entries = await history(db, me.actor);
  expect(entries.map((e) => [e.kind, e.reason])).toEqual([
    ["warning", "<b>Please</b> be kind"],
    ["removal", "Shares an address"],
    ["removal", "Names a workplace"],
  ]);
  expect(entries.map((e) => e.appealable)).toEqual([false, true, true]);
  expect(entries[1]).toMatchObject({ thread: "Taken down", threadId: null });
  expect(entries[2]).toMatchObject({ thread: "Still here", threadId: kept.threadId });
  await expect(history(db, null)).rejects.toMatchObject({ name: "Forbidden" });

  const res = await me.client.get("/settings/moderation");
  expect(res.status).toBe(200);
  const html = await res.text();
  const text = pageText(html);
  expect(text).toContain("Your moderation history");
  expect(text).not.toContain("Someone else's secret reason");
  const order = ["You received a warning", "Reason: Shares an address", "Reason: Names a workplace"].map((s) => text.indexOf(s));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  // The reason is text, not markup.
  expect(html).toContain("Reason: &lt;b&gt;Please&lt;/b&gt; be kind");
  // A thread still there is a link; a removed one is named, not linked.
  expect(html).toContain(`href="/t/${kept.threadId}"`);
  expect(html).not.toContain(`href="/t/${gone.threadId}"`);
  expect(text).toContain("Taken down (no longer shown)");
  // Two removals can be appealed; the warning cannot.
  expect(html.match(/name="eventId"/g)).toHaveLength(2);
  // The other member sees only their own.
  const theirs = pageText(await (await other.client.get("/settings/moderation")).text());
  expect(theirs).toContain("Someone else's secret reason");
  expect(theirs).not.toContain("Shares an address");
  // The settings page links here; signed out, it sends to sign-in.
  expect(await (await me.client.get("/settings")).text()).toContain('href="/settings/moderation"');
  expect((await new Browserless(hearth.url).get("/settings/moderation")).status).toBe(302);
});

test("the notifications page tells each notice in words, linking to the history; mentions stay as they were", async () => {
  const me = await person();
  const friend = await person();
  const t = await startThread(db, { id: me.id, role: "member" }, { title: "Tuesday" });
  await startThread(db, { id: friend.id, role: "member" }, { title: "Hello there", body: `Thinking of you @${me.pseudonym}` });
  await at(30, { memberId: me.id, kind: "removal", reason: "Shares an address", postId: t.postId, threadId: t.threadId, context: "Tuesday" });
  await at(20, { memberId: me.id, kind: "warning", reason: "Please be gentle" });
  const until = new Date("2031-03-04T05:06:00Z");
  await at(10, { memberId: me.id, kind: "suspension", reason: "Harassment", until });

  const html = await (await me.client.get("/notifications")).text();
  const text = pageText(html);
  expect(text).toContain("A moderator removed your post in “Tuesday”: Shares an address");
  expect(text).toContain("You received a warning: Please be gentle");
  expect(text).toContain("Your account is suspended until March 4, 2031 at 5:06 AM UTC: Harassment");
  expect(text).toContain(`${friend.pseudonym} mentioned you in “Hello there”`);
  expect(html.match(/href="\/settings\/moderation"/g)!.length).toBeGreaterThanOrEqual(3);
  // The header counts them with the mention.
  expect(text).toContain("Notifications (4)");
  await me.client.post("/notifications", {});
  expect(pageText(await (await me.client.get("/notifications")).text())).not.toContain("Notifications (4)");

  // In Chinese, for a member reading in Chinese.
  const zh = new Browserless(hearth.url, { "accept-language": "zh-CN" });
  zh.cookies.set(...([...me.client.cookies][0] as [string, string]));
  const zhText = pageText(await (await zh.get("/notifications")).text());
  expect(zhText).toContain("版主移除了你在“Tuesday”中的帖子，原因：Shares an address");
  expect(zhText).toContain("你收到了一次警告：Please be gentle");
  const zhHistory = pageText(await (await zh.get("/settings/moderation")).text());
  expect(zhHistory).toContain("我的管理记录");
  expect(zhHistory).toContain("原因：Harassment");
});

test("a suspended member reads their history and appeals their suspension; the appeal waits in the queue", async () => {
  const me = await person();
  const until = new Date(Date.now() + 3 * 86_400_000);
  await db.update(members).set({ status: "suspended", suspendedUntil: until }).where(eq(members.id, me.id));
  const eventId = await recordEvent(db, { memberId: me.id, kind: "suspension", reason: "Repeated insults", until });

  // Suspended, and still reading their history.
  const page = pageText(await (await me.client.get("/settings/moderation")).text());
  expect(page).toContain("Your account was suspended until");
  expect(page).toContain("Reason: Repeated insults");

  const empty = await me.client.post("/settings/moderation", { eventId, note: "  " });
  expect(empty.status).toBe(400);
  const emptyHtml = await empty.text();
  expect(pageText(emptyHtml)).toContain("Please write a few words about why you are appealing.");
  expect(emptyHtml).toContain(`href="#note-${eventId}"`);
  const long = await me.client.post("/settings/moderation", { eventId, note: "z".repeat(1001) });
  expect(long.status).toBe(400);
  expect(pageText(await long.text())).toContain("Please keep your note to 1,000 characters or fewer.");

  const sent = await me.client.post("/settings/moderation", { eventId, note: "I said sorry <script>alert(1)</script>" });
  expect(sent.status).toBe(200);
  const sentHtml = await sent.text();
  expect(pageText(sentHtml)).toContain("Your appeal was sent.");
  expect(pageText(sentHtml)).toContain("You appealed. Your appeal is waiting for a moderator.");
  expect(sentHtml).not.toContain(`name="eventId" value="${eventId}"`);
  const [row] = await db.select().from(appeals).where(eq(appeals.eventId, eventId));
  expect(row!.note).toBe("I said sorry <script>alert(1)</script>");
  const [item] = await db.select().from(queueItems).where(eq(queueItems.appealId, row!.id));
  expect(item).toMatchObject({ kind: "appeal", memberId: me.id, forumId: null, resolvedAt: null });

  const again = await me.client.post("/settings/moderation", { eventId, note: "Once more" });
  expect(again.status).toBe(400);
  expect(pageText(await again.text())).toContain("You have already appealed this.");
  expect(await db.select().from(appeals).where(eq(appeals.eventId, eventId))).toHaveLength(1);
  // The notice of the suspension is there for them too.
  const notes = await db.select().from(notifications).where(eq(notifications.memberId, me.id));
  expect(notes.map((n) => n.eventId)).toEqual([eventId]);
});
