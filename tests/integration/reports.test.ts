// Reports on posts, threads and members: grouped on one queue item per target, one open report
// per reporter and target, self-reports and suspended reporters refused, over HTTP and services.
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { members, queueItems, reports } from "#db/schema.ts";
import { createServices } from "#server/services.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { startThread } from "#tests/helpers/forums.ts";
import { pageText } from "#tests/helpers/http-client.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { person, signIn } from "./moderation-helpers.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
const noLive = { push: async () => {}, endSessions: async () => {}, closeMemberSockets: async () => {} };
const services = createServices({ db, throttle: memoryThrottle(), live: noLive });

async function openItem(key: string) {
  return db
    .select()
    .from(queueItems)
    .where(and(eq(queueItems.targetKey, key), eq(queueItems.kind, "report")));
}

test("three reporters on one post make one item with count 3 and the reasons unioned; a repeat does not count twice", async () => {
  const author = await person(db);
  const t = await startThread(db, { id: author.id, role: "member" }, { body: "a post people report" });
  const [a, b, c] = [await person(db), await person(db), await person(db)];
  await services.moderation.report(await a.actor(), { post: t.postId }, { reason: "harassment" });
  await services.moderation.report(await b.actor(), { post: t.postId }, { reason: "identifying", note: "a street name" });
  await services.moderation.report(await c.actor(), { post: t.postId }, { reason: "harassment" });
  const again = await services.moderation.report(await a.actor(), { post: t.postId }, { reason: "spam", note: "changed my mind" });
  expect(again.inserted).toBe(false);
  const items = await openItem(`post:${t.postId}`);
  expect(items).toHaveLength(1);
  expect(items[0]!.reportCount).toBe(3);
  expect((items[0]!.detail.reasons as string[]).sort()).toEqual(["harassment", "identifying", "spam"]);
  expect(items[0]!.priority).toBe(1);
  expect(items[0]!.memberId).toBe(author.id);
  expect(items[0]!.forumId).not.toBeNull();
  const rows = await db.select({ reason: reports.reason, note: reports.note }).from(reports).where(eq(reports.reporterId, a.id));
  expect(rows).toEqual([{ reason: "spam", note: "changed my mind" }]);
  expect(await db.select().from(reports).where(eq(reports.postId, t.postId))).toHaveLength(3);
});

test("a thread and a member can be reported over HTTP; the member's item has no forum", async () => {
  const author = await person(db);
  const t = await startThread(db, { id: author.id, role: "member" }, { title: "Thread to report" });
  const reporter = await person(db);
  const client = await signIn(hearth.url, reporter);
  const threadPage = await (await client.get(`/t/${t.threadId}`)).text();
  expect(threadPage).toContain(`/t/${t.threadId}/report`);
  expect(threadPage).toContain(`/members/${author.pseudonym}/report`);
  const form = pageText(await (await client.get(`/t/${t.threadId}/report`)).text());
  expect(form).toContain("Report a thread");
  expect(form).toContain("Sexual content or images");
  expect(form).toContain("Get help now");
  const sent = await client.post(`/t/${t.threadId}/report`, { reason: "self-harm" });
  expect(sent.status).toBe(200);
  expect(pageText(await sent.text())).toContain("The moderators will look at this thread.");
  const [threadItem] = await openItem(`thread:${t.threadId}`);
  expect(threadItem).toMatchObject({ reportCount: 1, priority: 0, threadId: t.threadId, postId: null });

  const memberSent = await client.post(`/members/${author.pseudonym}/report`, { reason: "harassment", note: "messages me" });
  expect(memberSent.status).toBe(200);
  const [memberItem] = await openItem(`member:${author.id}`);
  expect(memberItem).toMatchObject({ reportCount: 1, forumId: null, memberId: author.id });
  expect((await client.get("/members/nobody-by-this-name/report")).status).toBe(404);
});

test("a member cannot report themselves or their own post", async () => {
  const author = await person(db);
  const t = await startThread(db, { id: author.id, role: "member" });
  const me = await author.actor();
  await expect(services.moderation.report(me, { post: t.postId }, { reason: "other" })).rejects.toMatchObject({
    name: "Invalid",
    formError: "reports.notYourself",
  });
  await expect(services.moderation.report(me, { thread: t.threadId }, { reason: "other" })).rejects.toMatchObject({ name: "Invalid" });
  await expect(services.moderation.report(me, { member: author.pseudonym }, { reason: "other" })).rejects.toMatchObject({ name: "Invalid" });
  const client = await signIn(hearth.url, author);
  expect(pageText(await (await client.get(`/members/${author.pseudonym}/report`)).text())).toContain("You cannot report yourself");
  expect(await db.select().from(reports).where(eq(reports.reporterId, author.id))).toHaveLength(0);
});

test("a suspended member is told why they cannot report", async () => {
  const author = await person(db);
  const t = await startThread(db, { id: author.id, role: "member" });
  const reporter = await person(db);
  await db
    .update(members)
    .set({ status: "suspended", suspendedUntil: new Date(Date.now() + 86_400_000) })
    .where(eq(members.id, reporter.id));
  await expect(services.moderation.report(await reporter.actor(), { post: t.postId }, { reason: "other" })).rejects.toMatchObject({
    name: "Invalid",
    formError: "standing.suspended",
  });
  const client = await signIn(hearth.url, reporter);
  const res = await client.post(`/p/${t.postId}/report`, { reason: "other" });
  expect(res.status).toBe(400);
  expect(await db.select().from(reports).where(eq(reports.reporterId, reporter.id))).toHaveLength(0);
});
