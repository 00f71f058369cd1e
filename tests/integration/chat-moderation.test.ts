// Moderators' controls over real sockets: a removal vanishes from other screens and from every
// history; mute and slow mode refuse with the right translated message, in English and Chinese,
// and lift; a locked room takes moderators' messages only; each action leaves its audit row.
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, chatMutes } from "#db/schema.ts";
import { translate } from "#app/i18n/catalog.ts";
import { chatHearth, chatMember, connected, next, send } from "./chat-helpers.ts";

const { hearth, db } = await chatHearth();

async function inRoom(room: string, standing: Parameters<typeof chatMember>[1] = {}, cookieLang?: string) {
  const member = await chatMember(db, standing);
  const socket = await connected(hearth, { ...member, cookie: cookieLang ? `${member.cookie}; lang=${cookieLang}` : member.cookie });
  const joined = await socket.emitWithAck("chat:join", { room });
  if (!joined.ok) throw new Error(joined.error);
  return { member, socket, joined };
}

async function audited(action: string, targetId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
}

test("a removal reaches the other open sockets at once and leaves join and sync for everyone", async () => {
  const mod = await inRoom("lounge", { role: "moderator" });
  const writer = await inRoom("lounge");
  const reader = await inRoom("lounge");
  const sent = await send(writer.socket, "lounge", "This should not stay.");
  if (!sent.ok) throw new Error(sent.error);
  await next(reader.socket, "chat:message", (m) => m.id === sent.id);
  const gone = next(reader.socket, "chat:removed", (r) => r.id === sent.id);
  const writerSees = next(writer.socket, "chat:removed", (r) => r.id === sent.id);
  expect(await mod.socket.emitWithAck("chat:remove", { room: "lounge", id: sent.id, reason: "Harassment" })).toEqual({ ok: true });
  expect(await gone).toEqual({ room: "lounge", id: sent.id });
  await writerSees;
  for (const who of [reader, writer, mod]) {
    const again = await who.socket.emitWithAck("chat:join", { room: "lounge" });
    const synced = await who.socket.emitWithAck("chat:sync", { room: "lounge", afterId: null });
    if (!again.ok || !synced.ok) throw new Error("join or sync refused");
    expect(again.messages.map((m) => m.id)).not.toContain(sent.id);
    expect(synced.messages.map((m) => m.id)).not.toContain(sent.id);
  }
  const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "chat.remove"));
  expect(row).toMatchObject({
    actorKind: "member",
    actorId: mod.member.id,
    targetKind: "message",
    reason: "Harassment",
    detail: { room: "lounge", id: sent.id },
  });
  // Removing it twice does nothing more; a member cannot remove at all.
  expect((await mod.socket.emitWithAck("chat:remove", { room: "lounge", id: sent.id })).ok).toBe(false);
  const other = await send(writer.socket, "lounge", "Still here.");
  if (!other.ok) throw new Error(other.error);
  expect(await reader.socket.emitWithAck("chat:remove", { room: "lounge", id: other.id })).toEqual({
    ok: false,
    error: translate("en", "chat.error.forbidden"),
  });
});

test("a muted member is told until when, in their language, reads on, and writes again once the mute ends or is lifted", async () => {
  const mod = await inRoom("check-in", { role: "moderator" });
  const muted = await inRoom("check-in", {}, "zh-Hans");
  const answer = await mod.socket.emitWithAck("chat:mute", { room: "check-in", member: muted.member.pseudonym, minutes: 30, reason: "Cool off" });
  if (!answer.ok) throw new Error(answer.error);
  const until = new Date(answer.until);
  expect(Math.round((until.getTime() - Date.now()) / 60_000)).toBe(30);
  const refused = await send(muted.socket, "check-in", "Why?");
  const stamp = `${answer.until.slice(0, 16).replace("T", " ")} UTC`;
  expect(refused).toEqual({ ok: false, error: translate("zh-Hans", "chat.readOnly.muted", { minutes: 30, until: stamp }) });
  expect(refused.ok ? "" : refused.error).toContain("30 分钟");
  // Still reading: someone else's message reaches them.
  const heard = next(muted.socket, "chat:message", (m) => m.body === "Checking in.");
  expect((await send(mod.socket, "check-in", "Checking in.")).ok).toBe(true);
  await heard;
  // The mute runs out (its end moved into the past, as the clock would): they write again.
  await db
    .update(chatMutes)
    .set({ until: new Date(Date.now() - 1000) })
    .where(eq(chatMutes.memberId, muted.member.id));
  expect((await send(muted.socket, "check-in", "Back again.")).ok).toBe(true);
  // Muted again, then lifted by a moderator (0 minutes).
  expect((await mod.socket.emitWithAck("chat:mute", { room: "check-in", member: muted.member.pseudonym, minutes: 10 })).ok).toBe(true);
  expect((await send(muted.socket, "check-in", "Muted?")).ok).toBe(false);
  expect((await mod.socket.emitWithAck("chat:mute", { room: "check-in", member: muted.member.pseudonym, minutes: 0 })).ok).toBe(true);
  expect((await send(muted.socket, "check-in", "Not any more.")).ok).toBe(true);
  expect(await audited("chat.mute", muted.member.id)).toHaveLength(2);
  expect(await audited("chat.unmute", muted.member.id)).toHaveLength(1);
  // Moderators do not mute their peers.
  const peer = await chatMember(db, { role: "moderator" });
  expect(await mod.socket.emitWithAck("chat:mute", { room: "check-in", member: peer.pseudonym, minutes: 5 })).toEqual({
    ok: false,
    error: translate("en", "chat.error.forbidden"),
  });
});

test("slow mode refuses a quick second message with the wait, in English, and lifts when turned off", async () => {
  const mod = await inRoom("members", { role: "admin" });
  const member = await inRoom("members");
  const state = next(member.socket, "chat:room");
  expect(await mod.socket.emitWithAck("chat:slow", { room: "members", seconds: 120 })).toEqual({ ok: true });
  expect(await state).toEqual({ room: "members", locked: false, slowModeSeconds: 120 });
  expect((await send(member.socket, "members", "First.")).ok).toBe(true);
  const refused = await send(member.socket, "members", "Second, too soon.");
  expect(refused.ok).toBe(false);
  const error = refused.ok ? "" : refused.error;
  const seconds = Number(error.match(/wait (\d+) s/)?.[1]);
  expect(seconds).toBeGreaterThan(100);
  expect(seconds).toBeLessThanOrEqual(120);
  expect(error).toBe(translate("en", "chat.slowMode", { seconds }));
  // Moderators are not slowed.
  expect((await send(mod.socket, "members", "Moderator one.")).ok).toBe(true);
  expect((await send(mod.socket, "members", "Moderator two.")).ok).toBe(true);
  expect(await mod.socket.emitWithAck("chat:slow", { room: "members", seconds: 0 })).toEqual({ ok: true });
  expect((await send(member.socket, "members", "Second, now fine.")).ok).toBe(true);
  const rows = await db.select().from(auditLog).where(eq(auditLog.action, "chat.slow"));
  expect(rows.map((r) => r.detail)).toEqual([
    { room: "members", slowModeSeconds: 120 },
    { room: "members", slowModeSeconds: 0 },
  ]);
});

test("a locked room takes no member's message, but a moderator's; unlocking opens it again", async () => {
  const mod = await inRoom("lounge", { role: "moderator" });
  const member = await inRoom("lounge");
  const state = next(member.socket, "chat:room", (s) => s.locked);
  expect(await mod.socket.emitWithAck("chat:lock", { room: "lounge", locked: true })).toEqual({ ok: true });
  expect(await state).toEqual({ room: "lounge", locked: true, slowModeSeconds: 0 });
  expect(await send(member.socket, "lounge", "Hello?")).toEqual({ ok: false, error: translate("en", "chat.readOnly.locked") });
  const joined = await member.socket.emitWithAck("chat:join", { room: "lounge" });
  expect(joined).toMatchObject({ ok: true, canWrite: false, state: { locked: true } });
  expect((await send(mod.socket, "lounge", "The room is paused for a moment.")).ok).toBe(true);
  expect(await mod.socket.emitWithAck("chat:lock", { room: "lounge", locked: false })).toEqual({ ok: true });
  expect((await send(member.socket, "lounge", "Thank you.")).ok).toBe(true);
  expect((await db.select().from(auditLog).where(eq(auditLog.action, "chat.lock"))).length).toBe(1);
  expect((await db.select().from(auditLog).where(eq(auditLog.action, "chat.unlock"))).length).toBe(1);
});
