// What a chat message may carry, over real sockets (docs/chat.md, "Sending"; decision 017): the
// media guard removes an image or a data: URI and tells the sender; a message that was only an
// image is refused and its removal still recorded; identifying details and image links are
// refused with a reason that explains chat is not held for review (English and Chinese), and
// their near misses go through; watched words set to block refuse, set to flag store and queue.
import { and, eq, gt } from "drizzle-orm";
import { expect, test } from "vitest";
import { chatMessages, mediaRemovals, queueItems } from "#db/schema.ts";
import { translate, type Locale } from "#app/i18n/catalog.ts";
import { writeSetting } from "#server/settings/store.ts";
import { chatHearth, chatMember, connected, send } from "./chat-helpers.ts";

const { hearth, db } = await chatHearth();
await writeSetting(db, "moderation.watched_words", [
  { word: "forbiddenword", action: "block" },
  { word: "禁止词", action: "block" },
  { word: "watchme", action: "flag" },
  { word: "hateword", action: "hold" },
]);

const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

async function speaker(locale: Locale = "en") {
  const member = await chatMember(db);
  const socket = await connected(hearth, { ...member, cookie: `${member.cookie}; lang=${locale}` });
  return { member, socket };
}

async function storedBodies(authorId: string) {
  return (await db.select({ body: chatMessages.body }).from(chatMessages).where(eq(chatMessages.authorId, authorId))).map((r) => r.body);
}

test("an image or a data: URI is removed, the rest is sent, and the sender is told", async () => {
  const { member, socket } = await speaker();
  const since = new Date(Date.now() - 1000);
  const markdown = await send(socket, "lounge", "Look at this ![me](https://example.com/me.png) please");
  const dataUri = await send(socket, "lounge", `Here: data:image/png;base64,${PIXEL} and nothing else`);
  const html = await send(socket, "lounge", 'An <img src="x.png"> inline');
  for (const answer of [markdown, dataUri, html]) expect(answer).toMatchObject({ ok: true, notice: translate("en", "chat.notice.imageRemoved") });
  const bodies = await storedBodies(member.id);
  expect(bodies).toHaveLength(3);
  for (const body of bodies) {
    expect(body).not.toMatch(/data:|png|<img/i);
  }
  const removals = await db
    .select()
    .from(mediaRemovals)
    .where(and(eq(mediaRemovals.memberId, member.id), gt(mediaRemovals.createdAt, since)));
  expect(removals.length).toBeGreaterThanOrEqual(3);
  expect(new Set(removals.map((r) => r.channel))).toEqual(new Set(["chat"]));
  // A plain message has no notice.
  expect(await send(socket, "lounge", "Just words.")).toEqual({ ok: true, id: expect.any(String) });
});

test("a message that is only an image is refused, nothing is stored, and the removal is recorded", async () => {
  const { member, socket } = await speaker("zh-Hans");
  const answer = await send(socket, "lounge", `data:image/png;base64,${PIXEL}`);
  expect(answer).toEqual({ ok: false, error: translate("zh-Hans", "chat.body.onlyImage") });
  expect(await storedBodies(member.id)).toEqual([]);
  const removals = await db.select().from(mediaRemovals).where(eq(mediaRemovals.memberId, member.id));
  expect(removals).toHaveLength(1);
  expect(removals[0]).toMatchObject({ channel: "chat", size: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
});

const IDENTIFYING: Array<[Locale, string]> = [
  ["en", "If anyone wants to talk to him, his number is 07700 900123."],
  ["en", "Her email is jenny.smith84@gmail.com, send it there."],
  ["en", "She lives at 42 Baker Street, second floor."],
  ["en", "SSN 123-45-6789, go ahead and look her up."],
  ["en", "Join the group: t.me/leakedgirls2024"],
  ["zh-Hans", "她的手机号是13800138000，大家去骂她"],
  ["zh-Hans", "发到 12345678@qq.com 就行"],
  ["zh-Hans", "她住在广东省深圳市南山区科技园路18号"],
  ["zh-Hans", "她的身份证号是110105199003071239"],
  ["zh-Hans", "加我微信 abc_123456 发你全套"],
];

test.each(IDENTIFYING)("%s: identifying details are refused with the reason, nothing stored: %s", async (locale, body) => {
  const { member, socket } = await speaker(locale);
  const answer = await send(socket, "lounge", body);
  expect(answer).toEqual({ ok: false, error: translate(locale, "chat.refused.identifying") });
  expect(answer.ok ? "" : answer.error).toMatch(locale === "en" ? /not held for a moderator/ : /不会先经过版主审核/);
  expect(await storedBodies(member.id)).toEqual([]);
});

test("image links and blocked or held words are refused with their own reasons", async () => {
  const { member, socket } = await speaker();
  expect(await send(socket, "lounge", "Here it is: https://i.imgur.com/AbC123.jpg")).toEqual({ ok: false, error: translate("en", "chat.refused.imageLink") });
  expect(await send(socket, "lounge", "You forbiddenword.")).toEqual({ ok: false, error: translate("en", "chat.refused.blocked") });
  expect(await send(socket, "lounge", "You are a hateword.")).toEqual({ ok: false, error: translate("en", "chat.refused.watched") });
  const zh = await speaker("zh-Hans");
  expect(await send(zh.socket, "lounge", "你这个禁止词")).toEqual({ ok: false, error: translate("zh-Hans", "chat.refused.blocked") });
  expect(await storedBodies(member.id)).toEqual([]);
  expect(await storedBodies(zh.member.id)).toEqual([]);
});

const NEAR_MISSES: Array<[Locale, string]> = [
  ["en", "I was born in 1998 and moved in 2013."],
  ["en", "I upgraded to version 13.8.1 last night."],
  ["en", "@Willow thanks, that helped."],
  ["en", "My WeChat account was hacked, what do I do?"],
  ["zh-Hans", "我1998年出生的"],
  ["zh-Hans", "QQ音乐的会员过期了"],
  ["zh-Hans", "快递单号 SF1234567890123 还没到"],
  ["zh-Hans", "我住在12楼，晚上很安静"],
];

test("near misses of identifying details go through", async () => {
  for (const locale of ["en", "zh-Hans"] as const) {
    const { member, socket } = await speaker(locale);
    const mine = NEAR_MISSES.filter(([l]) => l === locale).map(([, body]) => body);
    for (const body of mine) expect(await send(socket, "lounge", body), body).toMatchObject({ ok: true });
    expect(await storedBodies(member.id)).toEqual(mine);
  }
});

test("a flagged watched word is stored and shown, and a flag item opens on the message for moderators", async () => {
  const { member, socket } = await speaker();
  const answer = await send(socket, "lounge", "Please watchme carefully.");
  expect(answer).toMatchObject({ ok: true });
  const [row] = await db.select().from(chatMessages).where(eq(chatMessages.authorId, member.id));
  expect(row).toMatchObject({ status: "visible", body: "Please watchme carefully." });
  const [item] = await db
    .select()
    .from(queueItems)
    .where(eq(queueItems.targetKey, `message:${row!.id}`));
  expect(item).toMatchObject({ kind: "flag", messageId: row!.id, forumId: null, memberId: member.id, resolvedAt: null, detail: { reasons: ["watched-word"] } });
});

test("text rules: empty, too long and control characters are refused; the body is trimmed and NFC", async () => {
  const { member, socket } = await speaker();
  expect(await send(socket, "lounge", "   \n  ")).toEqual({ ok: false, error: translate("en", "chat.body.empty") });
  expect(await send(socket, "lounge", "x".repeat(2001))).toEqual({ ok: false, error: translate("en", "chat.body.tooLong", { max: 2000 }) });
  expect(await send(socket, "lounge", "bell\u0007")).toEqual({ ok: false, error: translate("en", "chat.body.control") });
  // 2,000 code points that are each two UTF-16 units still fit.
  expect((await send(socket, "lounge", "😀".repeat(2000))).ok).toBe(true);
  expect((await send(socket, "lounge", "  Cafe\u0301\tand\nmore  ")).ok).toBe(true);
  expect((await storedBodies(member.id)).at(-1)).toBe("Café\tand\nmore");
});
