// Rooms through the chat services the pages call: who sees which room (a room one may not enter
// is "not found"), a room's view, sending and resync, probation's read-only and the setting that
// lifts it, suspended members reading only.
import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { translate } from "#app/i18n/catalog.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { relaxed } from "#tests/helpers/forums.ts";
import { chatMember, setSetting } from "./chat-helpers.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";

// Probation on (3 approved posts), as on a fresh install.
const database = await createTestDatabase({ probation: true });
const db = database.db;
const services = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) });
const chat = services.chat;

const slugs = async (actor: Parameters<typeof chat.rooms>[0]) => (await chat.rooms(actor)).map((r) => r.slug);

test("each member sees the rooms they may enter, in order; the others are not found", async () => {
  const member = await chatMember(db, { approvedPosts: 3 });
  const newcomer = await chatMember(db);
  const scoped = await chatMember(db, { role: "moderator" });
  const admin = await chatMember(db, { role: "admin" });
  expect(await slugs(member.actor)).toEqual(["lounge", "check-in", "members"]);
  expect(await slugs(newcomer.actor)).toEqual(["lounge", "check-in"]);
  expect(await slugs(scoped.actor)).toEqual(["lounge", "check-in", "members", "moderators"]);
  expect(await slugs(admin.actor)).toEqual(["lounge", "check-in", "members", "moderators"]);
  await expect(chat.room(member.actor, "moderators")).rejects.toMatchObject({ name: "NotFound" });
  await expect(chat.room(newcomer.actor, "members")).rejects.toMatchObject({ name: "NotFound" });
  await expect(chat.room(member.actor, "no-such-room")).rejects.toMatchObject({ name: "NotFound" });
  await expect(chat.room(null, "lounge")).rejects.toMatchObject({ name: "NotFound" });
  await expect(chat.rooms(null)).rejects.toMatchObject({ name: "Forbidden" });
  const view = await chat.room(admin.actor, "moderators");
  expect(view).toMatchObject({ summary: { slug: "moderators", access: "moderators", locked: false }, write: { can: true }, moderator: true, muteUntil: null });
});

test("send stores the message with the room's next number, and sync answers what came after", async () => {
  const member = await chatMember(db, { approvedPosts: 3 });
  const first = await chat.send(member.actor, "check-in", { clientId: randomUUID(), body: "  Good morning, everyone.  " });
  const second = await chat.send(member.actor, "check-in", { clientId: randomUUID(), body: "Slept badly, but I am here." });
  expect(first.repeated).toBe(false);
  expect(first.message).toMatchObject({ room: "check-in", author: member.pseudonym, body: "Good morning, everyone." });
  expect(second.message.id > first.message.id).toBe(true);
  expect(Number(second.message.id)).toBe(Number(first.message.id) + 1);
  expect(await chat.sync(member.actor, "check-in", first.message.id)).toEqual([second.message]);
  const view = await chat.room(member.actor, "check-in");
  expect(view.messages.slice(-2)).toEqual([first.message, second.message]);
  await expect(chat.sync(member.actor, "check-in", "not-an-id")).rejects.toMatchObject({ name: "Invalid" });
});

test("a member on probation reads the general rooms but writes only once the setting allows it", async () => {
  const newcomer = await chatMember(db);
  const view = await chat.room(newcomer.actor, "lounge");
  expect(view.write).toEqual({ can: false, why: "chat.readOnly.probation" });
  await expect(chat.send(newcomer.actor, "lounge", { clientId: randomUUID(), body: "Hello?" })).rejects.toMatchObject({
    formError: "chat.readOnly.probation",
  });
  await setSetting(db, "chat.probation_writes", true);
  try {
    expect((await chat.room(newcomer.actor, "lounge")).write).toEqual({ can: true });
    const sent = await chat.send(newcomer.actor, "lounge", { clientId: randomUUID(), body: "Hello, I am new here." });
    expect(sent.message.author).toBe(newcomer.pseudonym);
    // The members' room stays closed to them whatever the setting.
    await expect(chat.room(newcomer.actor, "members")).rejects.toMatchObject({ name: "NotFound" });
  } finally {
    await setSetting(db, "chat.probation_writes", false);
  }
});

test("a suspended member reads and is told why they cannot write", async () => {
  const suspended = await chatMember(db, { status: "suspended", suspendedUntil: new Date(Date.now() + 86_400_000), approvedPosts: 3 });
  const view = await chat.room(suspended.actor, "lounge");
  expect(view.write).toEqual({ can: false, why: "chat.readOnly.suspended" });
  await expect(chat.send(suspended.actor, "lounge", { clientId: randomUUID(), body: "Let me talk." })).rejects.toMatchObject({
    formError: "chat.readOnly.suspended",
  });
  expect(translate("zh-Hans", "chat.readOnly.suspended")).toContain("暂停");
});
