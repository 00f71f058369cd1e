// Automatic holds through the real routes, in English and in Chinese: each kind of hold makes a
// reply wait for a moderator with its queue item; a watched word set to block refuses the post
// and keeps the text; one set to flag leaves it visible with an item; a held thread is 404 for
// everyone but its author; an edit that holds waits again; repeated image attempts pause posting.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, members, posts, queueItems, threads } from "#db/schema.ts";
import { translate, type Locale, type MessageKey } from "#app/i18n/catalog.ts";
import { PRIORITY } from "#server/moderation/priority.ts";
import { writeSetting } from "#server/settings/store.ts";
import { makePublic, startThread, viewerFor } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { itemsOn, joinOverHttp, landing, replyOverHttp, threadOverHttp } from "./holds-helpers.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
await makePublic(db, "introductions");
await writeSetting(db, "moderation.watched_words", [
  { word: "hateword", action: "hold" },
  { word: "恶心词", action: "hold" },
  { word: "forbiddenword", action: "block" },
  { word: "禁止词", action: "block" },
  { word: "watchme", action: "flag" },
  { word: "注意词", action: "flag" },
]);
const opener = await viewerFor(db);
const thread = await startThread(db, opener.viewer, { forum: "introductions", title: "Introduce yourself", body: "Say hello here." });
const text = (locale: Locale, key: MessageKey) => translate(locale, key);

const CASES: Array<[Locale, string, string, number]> = [
  ["en", "phone", "If anyone wants to talk to him, his number is 07700 900123.", PRIORITY.identifying],
  ["en", "email", "Her email is jenny.smith84@gmail.com, send it there.", PRIORITY.identifying],
  ["en", "address", "She lives at 42 Baker Street, second floor.", PRIORITY.identifying],
  ["en", "id-number", "SSN 123-45-6789, go ahead and look her up.", PRIORITY.identifying],
  ["en", "handle", "Join the group: t.me/leakedgirls2024", PRIORITY.identifying],
  ["en", "image-link", "Here it is: https://i.imgur.com/AbC123.jpg", PRIORITY.sexual],
  ["en", "watched-word", "You are a hateword and everyone knows it.", PRIORITY.hold],
  ["zh-Hans", "phone", "她的手机号是13800138000，大家去骂她", PRIORITY.identifying],
  ["zh-Hans", "email", "发到 12345678@qq.com 就行", PRIORITY.identifying],
  ["zh-Hans", "address", "她住在广东省深圳市南山区科技园路18号", PRIORITY.identifying],
  ["zh-Hans", "id-number", "她的身份证号是110105199003071239", PRIORITY.identifying],
  ["zh-Hans", "handle", "加我微信 abc_123456 发你全套", PRIORITY.identifying],
  ["zh-Hans", "image-link", "图床链接：https://imgtu.com/i/xyz", PRIORITY.sexual],
  ["zh-Hans", "watched-word", "你就是个恶心词", PRIORITY.hold],
];

test.each(CASES)("%s, %s: the reply waits for a moderator, seen by its author only, with a hold item", async (locale, reason, body, priority) => {
  const author = await joinOverHttp(hearth.url, locale);
  const res = await replyOverHttp(author.client, thread.threadId, body);
  expect(res.status).toBe(302);
  const { postId, notices, location } = landing(res);
  expect(notices).toContain("holds.waiting");
  const probe = body.split("http")[0]!.slice(0, 12);
  const [post] = await db.select().from(posts).where(eq(posts.id, postId));
  expect(post!.status).toBe("pending");
  const [item] = await itemsOn(db, postId);
  expect(item).toMatchObject({ kind: "hold", priority, memberId: post!.authorId, threadId: thread.threadId, resolvedAt: null });
  expect(item!.detail).toEqual({ reasons: [reason] });
  const [forum] = await db.select({ forumId: threads.forumId }).from(threads).where(eq(threads.id, thread.threadId));
  expect(item!.forumId).toBe(forum!.forumId);
  // The author is told, in their language, and sees it marked.
  const own = pageText(await (await author.client.get(location)).text());
  expect(own).toContain(text(locale, "holds.waiting"));
  expect(own).toContain(text(locale, "thread.pending"));
  expect(own).toContain(probe);
  // Nobody else sees it: another member, a visitor.
  const other = await joinOverHttp(hearth.url, locale);
  expect(pageText(await (await other.client.get(`/t/${thread.threadId}`)).text())).not.toContain(probe);
  expect(pageText(await (await new Browserless(hearth.url).get(`/t/${thread.threadId}`)).text())).not.toContain(probe);
  const [counted] = await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, thread.threadId));
  expect(counted!.n).toBe(1);
});

test.each([
  ["en", "This is a forbiddenword, right here."],
  ["zh-Hans", "这里有一个禁止词，不该发出去"],
] as const)("%s: a watched word set to block refuses the post with the text kept, nothing stored", async (locale, body) => {
  const author = await joinOverHttp(hearth.url, locale);
  const res = await replyOverHttp(author.client, thread.threadId, body);
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(pageText(html)).toContain(text(locale, "holds.blocked"));
  expect(html).toContain(body);
  const [me] = await db.select({ id: members.id }).from(members).where(eq(members.pseudonym, author.pseudonym));
  expect(await db.select().from(posts).where(eq(posts.authorId, me!.id))).toEqual([]);
});

test.each([
  ["en", "I keep thinking watchme is a strange word."],
  ["zh-Hans", "我觉得注意词这个说法有点怪"],
] as const)("%s: a watched word set to flag leaves the post visible and opens a flag item", async (locale, body) => {
  const author = await joinOverHttp(hearth.url, locale);
  const res = await replyOverHttp(author.client, thread.threadId, body);
  expect(res.status).toBe(302);
  const { postId, notices } = landing(res);
  expect(notices).not.toContain("holds.waiting");
  const [post] = await db.select().from(posts).where(eq(posts.id, postId));
  expect(post!.status).toBe("visible");
  expect(await itemsOn(db, postId)).toEqual([expect.objectContaining({ kind: "flag", priority: PRIORITY.hold, detail: { reasons: ["watched-word"] } })]);
  const other = new Browserless(hearth.url);
  expect(pageText(await (await other.get(`/t/${thread.threadId}?page=last`)).text())).toContain(body);
});

test("a held thread is the author's only: 404 for another member and a visitor, absent from lists and search", async () => {
  const author = await joinOverHttp(hearth.url);
  const title = "About him, call 555-867-5309";
  const res = await threadOverHttp(author.client, "introductions", title, "He keeps calling from that number.");
  expect(res.status).toBe(302);
  const { threadId, notices } = landing(res);
  expect(notices).toEqual(["holds.waiting"]);
  const [row] = await db.select().from(threads).where(eq(threads.id, threadId));
  expect(row).toMatchObject({ status: "pending", postCount: 0 });
  const mine = pageText(await (await author.client.get(`/t/${threadId}`)).text());
  expect(mine).toContain(text("en", "holds.threadWaiting"));
  expect(mine).toContain(text("en", "holds.noReplyWhileWaiting"));
  expect(pageText(await (await author.client.get("/f/introductions")).text())).toContain(title);
  const other = await joinOverHttp(hearth.url);
  expect((await other.client.get(`/t/${threadId}`)).status).toBe(404);
  expect((await new Browserless(hearth.url).get(`/t/${threadId}`)).status).toBe(404);
  expect(pageText(await (await other.client.get("/f/introductions")).text())).not.toContain(title);
  expect(pageText(await (await other.client.get(`/search?q=${encodeURIComponent("keeps calling")}`)).text())).not.toContain("keeps calling from");
  // Replying to it, even by its author, waits until it is approved.
  // (The page offers no reply form; a hand-made one is refused.)
  const replied = await author.client.post(`/t/${threadId}`, { idempotencyKey: randomUUID(), intent: "post", body: "one more thing", contentWarning: "" });
  expect(replied.status).toBe(400);
  expect(pageText(await replied.text())).toContain(text("en", "holds.noReplyWhileWaiting"));
  const [post] = await db.select().from(posts).where(eq(posts.threadId, threadId));
  expect(await itemsOn(db, post!.id)).toEqual([expect.objectContaining({ kind: "hold", detail: { reasons: ["phone"] } })]);
});

test("an edit that holds puts the post back to waiting: the edit waits, nobody else sees the post", async () => {
  const author = await joinOverHttp(hearth.url, "zh-Hans");
  const posted = landing(await replyOverHttp(author.client, thread.threadId, "我想说说我的经历"));
  const before = (await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, thread.threadId)))[0]!.n;
  const edited = await author.client.post(`/p/${posted.postId}/edit`, { intent: "post", body: "我的经历：他的电话 139-1234-5678", contentWarning: "" });
  expect(edited.status).toBe(302);
  expect(landing(edited).notices).toContain("holds.editWaiting");
  const [post] = await db.select().from(posts).where(eq(posts.id, posted.postId));
  expect(post!.status).toBe("pending");
  expect(await itemsOn(db, posted.postId)).toEqual([expect.objectContaining({ kind: "hold", detail: { reasons: ["phone"], edit: true } })]);
  expect((await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, thread.threadId)))[0]!.n).toBe(before - 1);
  const page = pageText(await (await new Browserless(hearth.url).get(`/t/${thread.threadId}?page=last`)).text());
  expect(page).not.toContain("我想说说我的经历");
  expect(page).not.toContain("139-1234-5678");
  expect(pageText(await (await author.client.get(`/t/${thread.threadId}?page=last`)).text())).toContain("139-1234-5678");
});

test("repeated image attempts pause posting: an urgent item, a system audit row, the next post refused", async () => {
  const author = await joinOverHttp(hearth.url);
  const [me] = await db.select({ id: members.id }).from(members).where(eq(members.pseudonym, author.pseudonym));
  for (let i = 1; i <= 3; i++) {
    const res = await replyOverHttp(author.client, thread.threadId, `look at this ![x](https://example.com/${i}.jpg) number ${i}`);
    expect(res.status).toBe(302);
    // Each attempt is handled as today: the image removed, the member told, the words kept.
    expect(landing(res).notices).toContain("media.removedFromText");
    const [row] = await db.select({ paused: members.postingPausedAt }).from(members).where(eq(members.id, me!.id));
    expect(row!.paused === null).toBe(i < 3);
  }
  const items = await db
    .select()
    .from(queueItems)
    .where(and(eq(queueItems.memberId, me!.id), eq(queueItems.kind, "repeat_image")));
  expect(items).toEqual([
    expect.objectContaining({ targetKey: `member:${me!.id}`, forumId: null, priority: PRIORITY.repeatImage, detail: { removals: 3, hours: 24 } }),
  ]);
  const audits = await db.select().from(auditLog).where(eq(auditLog.targetId, me!.id));
  expect(audits).toEqual([expect.objectContaining({ actorKind: "system", actorId: null, action: "member.posting_paused", targetKind: "member" })]);
  const refused = await replyOverHttp(author.client, thread.threadId, "just words this time");
  expect(refused.status).toBe(400);
  const html = await refused.text();
  expect(pageText(html)).toContain(text("en", "standing.paused"));
  expect(html).toContain("just words this time");
  const [last] = await db.select().from(posts).where(eq(posts.authorId, me!.id)).orderBy(posts.createdAt).limit(1);
  const edit = await author.client.post(`/p/${last!.id}/edit`, { intent: "post", body: "changed", contentWarning: "" });
  expect(edit.status).toBe(400);
  expect(pageText(await edit.text())).toContain(text("en", "standing.paused"));
  // A fourth removal does not open a second item or pause again.
  expect(
    await db
      .select()
      .from(queueItems)
      .where(and(eq(queueItems.memberId, me!.id), eq(queueItems.kind, "repeat_image"))),
  ).toHaveLength(1);
});
