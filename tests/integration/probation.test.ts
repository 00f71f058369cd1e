// Probation over HTTP, with the default setting on: a new member's first three posts wait for a
// moderator, seen by nobody else (on a public forum, not by another member nor a visitor; not in
// counts, search or mentions) and each listed in the queue; once approved (simulated here by the
// counter the approve action raises), the member posts freely; `probation.posts` 0 turns it off.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { members, notifications, posts, threads } from "#db/schema.ts";
import { translate } from "#app/i18n/catalog.ts";
import { listForums } from "#server/forums/list.ts";
import { notifyAfterApproval } from "#server/forums/posting.ts";
import { PRIORITY } from "#server/moderation/priority.ts";
import { writeSetting } from "#server/settings/store.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { asActor, makePublic, startThread, viewerFor } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { itemsOn, joinOverHttp, landing, replyOverHttp, threadOverHttp } from "./holds-helpers.ts";

const hearth = await startTestHearth({ database: await createTestDatabase({ probation: true }) });
const db = hearth.database.db;
await makePublic(db, "introductions");

async function idOf(pseudonym: string) {
  return (await db.select({ id: members.id }).from(members).where(eq(members.pseudonym, pseudonym)))[0]!.id;
}

async function moderatorThread() {
  const mod = await viewerFor(db);
  await db.update(members).set({ role: "moderator" }).where(eq(members.id, mod.viewer.id));
  return startThread(db, asActor({ id: mod.viewer.id, role: "moderator" }), { forum: "introductions", title: "Welcome, everyone", body: "Say hello." });
}

test("a new member's first posts wait, seen by nobody else, each in the queue; approved, they post freely", async () => {
  const thread = await moderatorThread();
  const reader = await joinOverHttp(hearth.url);
  const visitor = new Browserless(hearth.url);
  const newcomer = await joinOverHttp(hearth.url);
  const newcomerId = await idOf(newcomer.pseudonym);
  const forumsBefore = (await listForums(db, null)).find((f) => f.slug === "introductions")!;

  // A new thread and two replies: the first three posts.
  const opened = await threadOverHttp(newcomer.client, "introductions", "Hello from a newcomer", "firstpostwords about me");
  expect(opened.status).toBe(302);
  const own = landing(opened);
  expect(own.notices).toEqual(["holds.waiting"]);
  const held: string[] = [];
  for (const words of [`second ${"secretish"} words @${reader.pseudonym}`, "third quietwords here"]) {
    const res = await replyOverHttp(newcomer.client, thread.threadId, words);
    expect(res.status).toBe(302);
    expect(landing(res).notices).toEqual(["holds.waiting"]);
    held.push(landing(res).postId);
  }
  const [first] = await db.select().from(posts).where(eq(posts.threadId, own.threadId));
  for (const id of [first!.id, ...held]) {
    const [post] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, id));
    expect(post!.status).toBe("pending");
    expect(await itemsOn(db, id)).toEqual([
      expect.objectContaining({ kind: "pending", priority: PRIORITY.pending, memberId: newcomerId, detail: { reasons: [], probation: true } }),
    ]);
  }
  const [openedThread] = await db.select().from(threads).where(eq(threads.id, own.threadId));
  expect(openedThread).toMatchObject({ status: "pending", postCount: 0 });

  // The author sees them, marked; another member and a visitor see nothing of them.
  expect(pageText(await (await newcomer.client.get(`/t/${own.threadId}`)).text())).toContain("firstpostwords");
  const mine = pageText(await (await newcomer.client.get(`/t/${thread.threadId}`)).text());
  expect(mine).toContain("quietwords");
  expect(mine).toContain(translate("en", "thread.pending"));
  for (const client of [reader.client, visitor]) {
    expect((await client.get(`/t/${own.threadId}`)).status).toBe(404);
    const page = pageText(await (await client.get(`/t/${thread.threadId}`)).text());
    expect(page).toContain("Say hello.");
    expect(page).not.toContain("quietwords");
    expect(page).not.toContain("secretish");
    expect(pageText(await (await client.get("/f/introductions")).text())).not.toContain("Hello from a newcomer");
  }
  expect(pageText(await (await reader.client.get("/search?q=quietwords")).text())).not.toContain("third quietwords");
  const forumsDuring = (await listForums(db, null)).find((f) => f.slug === "introductions")!;
  expect({ threads: forumsDuring.threadCount, posts: forumsDuring.postCount }).toEqual({ threads: forumsBefore.threadCount, posts: forumsBefore.postCount });
  // No mention is sent while the post waits.
  const readerId = await idOf(reader.pseudonym);
  expect(await db.select().from(notifications).where(eq(notifications.memberId, readerId))).toEqual([]);

  // The approve action (another part) makes a post visible and calls notifyAfterApproval: the
  // post counts in its thread and the mention is sent then.
  await db.transaction(async (tx) => {
    await tx.update(posts).set({ status: "visible" }).where(eq(posts.id, held[0]!));
    expect(await notifyAfterApproval(tx, held[0]!)).toEqual([readerId]);
  });
  expect((await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, thread.threadId)))[0]!.n).toBe(2);
  expect(await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.memberId, readerId))).toEqual([{ kind: "mention" }]);

  // Three posts approved: probation is over, the next post is visible at once, with no item.
  await db.update(members).set({ approvedPosts: 3 }).where(eq(members.id, newcomerId));
  const free = await replyOverHttp(newcomer.client, thread.threadId, "now i am trusted freewords");
  expect(landing(free).notices).toEqual(["post.replied"]);
  const [post] = await db
    .select({ status: posts.status })
    .from(posts)
    .where(eq(posts.id, landing(free).postId));
  expect(post!.status).toBe("visible");
  expect(await itemsOn(db, landing(free).postId)).toEqual([]);
  expect(pageText(await (await visitor.get(`/t/${thread.threadId}`)).text())).toContain("freewords");
});

test("a member on probation: an edit that adds a link waits again; one without a link does not", async () => {
  const thread = await moderatorThread();
  const newcomer = await joinOverHttp(hearth.url, "zh-Hans");
  const newcomerId = await idOf(newcomer.pseudonym);
  await db.update(members).set({ approvedPosts: 2 }).where(eq(members.id, newcomerId));
  await writeSetting(db, "probation.posts", 2);
  const posted = landing(await replyOverHttp(newcomer.client, thread.threadId, "我想分享一个资源"));
  const plain = await newcomer.client.post(`/p/${posted.postId}/edit`, { intent: "post", body: "我想分享一个有用的资源", contentWarning: "" });
  expect(landing(plain).notices).toEqual(["post.saved"]);
  // Still below probation.posts again: the setting is raised, so the member is on probation.
  await writeSetting(db, "probation.posts", 3);
  const linked = await newcomer.client.post(`/p/${posted.postId}/edit`, { intent: "post", body: "资源在这里 https://example.org/help", contentWarning: "" });
  expect(landing(linked).notices).toEqual(["holds.editWaiting"]);
  expect(pageText(await (await newcomer.client.get(landing(linked).location)).text())).toContain(translate("zh-Hans", "holds.editWaiting"));
  const [post] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, posted.postId));
  expect(post!.status).toBe("pending");
  expect(await itemsOn(db, posted.postId)).toEqual([expect.objectContaining({ kind: "pending", detail: { reasons: [], probation: true, edit: true } })]);
  expect(pageText(await (await new Browserless(hearth.url).get(`/t/${thread.threadId}`)).text())).not.toContain("资源");
});

test("probation.posts 0: no probation, a new member's first post is visible", async () => {
  await writeSetting(db, "probation.posts", 0);
  const thread = await moderatorThread();
  const newcomer = await joinOverHttp(hearth.url);
  const res = await replyOverHttp(newcomer.client, thread.threadId, "hello, first time here openwords");
  expect(landing(res).notices).toEqual(["post.replied"]);
  expect(await itemsOn(db, landing(res).postId)).toEqual([]);
  expect(pageText(await (await new Browserless(hearth.url).get(`/t/${thread.threadId}`)).text())).toContain("openwords");
  await writeSetting(db, "probation.posts", 3);
});
