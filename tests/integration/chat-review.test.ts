// Found by review, kept found: image attempts in chat count towards the repeat-image pause;
// invisible direction characters cannot hide identifying details from the refusal; a retried
// send of a stored message is answered with it even after the room was locked.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { chatMessages, chatRooms, members, queueItems } from "#db/schema.ts";
import { translate } from "#app/i18n/catalog.ts";
import { writeSetting } from "#server/settings/store.ts";
import { chatHearth, chatMember, connected, send } from "./chat-helpers.ts";

const { hearth, db } = await chatHearth();
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

test("repeated image-only messages pause the member's chatting and open an urgent queue item", async () => {
  await writeSetting(db, "moderation.repeat_image", { count: 3, hours: 24 });
  const member = await chatMember(db);
  const socket = await connected(hearth, member);
  for (let i = 0; i < 3; i++) expect((await send(socket, "lounge", `data:image/png;base64,${PIXEL}`)).ok).toBe(false);
  const [row] = await db.select({ paused: members.postingPausedAt }).from(members).where(eq(members.id, member.id));
  expect(row?.paused).not.toBeNull();
  const items = await db.select({ kind: queueItems.kind }).from(queueItems).where(eq(queueItems.memberId, member.id));
  expect(items.map((i) => i.kind)).toContain("repeat_image");
  expect(await send(socket, "lounge", "Only words now.")).toEqual({ ok: false, error: translate("en", "chat.readOnly.paused") });
});

test("direction and other invisible format characters do not hide a phone number or an email address", async () => {
  const member = await chatMember(db);
  const socket = await connected(hearth, member);
  const refused = translate("en", "chat.refused.identifying");
  for (const body of [
    "his number is 07700\u2066 900123.",
    "write to jenny.smith84\u2066@gmail.com",
    "call 138\u202e0013\u202c8000",
    "电话 138\u20680013\u20698000",
  ]) {
    expect(await send(socket, "lounge", body), body).toEqual({ ok: false, error: refused });
  }
  // A plain message with a direction mark goes through, without it; emoji joiners stay.
  const sent = await send(socket, "lounge", "family 👩\u200d👩\u200d👧 and \u2066quoted\u2069 words");
  expect(sent.ok).toBe(true);
  const stored = await db.select({ body: chatMessages.body }).from(chatMessages).where(eq(chatMessages.authorId, member.id));
  expect(stored.map((r) => r.body)).toEqual(["family 👩\u200d👩\u200d👧 and quoted words"]);
});

test("a retried send of a stored message answers it even after the room was locked", async () => {
  const [room] = await db
    .insert(chatRooms)
    .values({ slug: `review-${Date.now()}`, names: { en: "Review" } })
    .returning();
  const member = await chatMember(db);
  const socket = await connected(hearth, member);
  const retryId = randomUUID();
  const first = await send(socket, room!.slug, "Before the lock.", retryId);
  expect(first.ok).toBe(true);
  await db.update(chatRooms).set({ locked: true }).where(eq(chatRooms.id, room!.id));
  expect(await send(socket, room!.slug, "Before the lock.", retryId)).toEqual(first);
  expect(await send(socket, room!.slug, "After the lock.")).toEqual({ ok: false, error: translate("en", "chat.readOnly.locked") });
});

test("a longer probation closes the sockets of members it takes out of the members' room", async () => {
  await writeSetting(db, "probation.posts", 0);
  const member = await chatMember(db, { approvedPosts: 1 });
  const socket = await connected(hearth, member);
  expect((await socket.emitWithAck("chat:join", { room: "members" })).ok).toBe(true);
  const closed = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
  await writeSetting(db, "probation.posts", 3);
  expect(await closed).toBe("io server disconnect");
  const again = await connected(hearth, member);
  expect(await again.emitWithAck("chat:join", { room: "members" })).toEqual({ ok: false, error: translate("en", "chat.error.notFound") });
  await writeSetting(db, "probation.posts", 0);
});
