// Chat history expires: the retention job's body, run with a controlled clock, deletes for real
// (the rows are gone, with the reports and queue items about them) the messages older than
// each room's retention_days, leaves younger ones and other rooms alone, and audits the count
// as Hearth itself; a run that deletes nothing writes no audit row.
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, chatMessages, chatRooms, queueItems, reports } from "#db/schema.ts";
import { JOB_LOCKS } from "#server/jobs/one-node.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { runAdmin } from "#tests/helpers/built-hearth.ts";
import { adminEnv, createTestDatabase } from "#tests/helpers/db.ts";
import { relaxed } from "#tests/helpers/forums.ts";
import { chatMember } from "./chat-helpers.ts";

const database = await createTestDatabase();
const db = database.db;
const chat = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) }).chat;
const DAY = 86_400_000;

test("messages past their room's retention are deleted for real, counted in the audit log, and nothing else goes", async () => {
  await db.update(chatRooms).set({ retentionDays: 1 }).where(eq(chatRooms.slug, "check-in"));
  const writer = await chatMember(db);
  const reporter = await chatMember(db);
  const say = (room: string, body: string) => chat.send(writer.actor, room, { clientId: randomUUID(), body });
  const checkIn = [await say("check-in", "Morning."), await say("check-in", "Still tired.")];
  const lounge = await say("lounge", "Hello lounge.");
  // A report on one of the expiring messages: its report and queue item go with it.
  await chat.report(reporter.actor, "check-in", checkIn[0]!.message.id, { reason: "spam" });
  const [reported] = await db.select({ id: chatMessages.id }).from(chatMessages).where(eq(chatMessages.body, "Morning."));

  // Nothing is old yet.
  expect(await chat.deleteExpired(new Date())).toEqual({ deleted: 0 });
  expect(await db.select().from(auditLog).where(eq(auditLog.action, "chat.retention"))).toEqual([]);

  // Two days on: past check-in's one day, well within the lounge's thirty.
  const later = new Date(Date.now() + 2 * DAY);
  expect(await chat.deleteExpired(later)).toEqual({ deleted: 2 });
  const left = await db.select({ body: chatMessages.body }).from(chatMessages).where(eq(chatMessages.authorId, writer.id));
  expect(left.map((r) => r.body)).toEqual(["Hello lounge."]);
  expect(await db.select().from(reports).where(eq(reports.messageId, reported!.id))).toEqual([]);
  expect(
    await db
      .select()
      .from(queueItems)
      .where(eq(queueItems.targetKey, `message:${reported!.id}`)),
  ).toEqual([]);
  const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "chat.retention"));
  expect(row).toMatchObject({ actorKind: "system", actorId: null, detail: { deleted: 2, rooms: { "check-in": 2 } } });

  // Run again at the same time: nothing more, and no second row.
  expect(await chat.deleteExpired(later)).toEqual({ deleted: 0 });
  expect(await db.select().from(auditLog).where(eq(auditLog.action, "chat.retention"))).toHaveLength(1);

  // A month on, the lounge's message goes too; the room's counter still moves forward.
  expect(await chat.deleteExpired(new Date(Date.now() + 31 * DAY))).toEqual({ deleted: 1 });
  const next = await say("lounge", "After the clean-up.");
  expect(next.message.id > lounge.message.id).toBe(true);
  expect(
    await db
      .select()
      .from(chatMessages)
      .where(and(eq(chatMessages.authorId, writer.id), inArray(chatMessages.body, ["Morning.", "Still tired.", "Hello lounge."]))),
  ).toEqual([]);
});

test("one node at a time: while another node holds the job's lock this one deletes nothing", async () => {
  const writer = await chatMember(db);
  await db.update(chatRooms).set({ retentionDays: 1 }).where(eq(chatRooms.slug, "check-in"));
  await chat.send(writer.actor, "check-in", { clientId: randomUUID(), body: "Held back by the lock." });
  const later = new Date(Date.now() + 2 * DAY);
  const otherNode = await database.pool.connect();
  try {
    await otherNode.query("select pg_advisory_lock($1)", [JOB_LOCKS.chatRetention]);
    expect(await chat.deleteExpired(later)).toBeNull();
    expect(await db.select().from(chatMessages).where(eq(chatMessages.authorId, writer.id))).toHaveLength(1);
    await otherNode.query("select pg_advisory_unlock($1)", [JOB_LOCKS.chatRetention]);
  } finally {
    otherNode.release();
  }
  expect(await chat.deleteExpired(later)).toEqual({ deleted: 1 });
});

test("the operator sets a room's retention from the CLI: audited, and the privacy page's figure follows", async () => {
  const admin = (args: string[]) => runAdmin(adminEnv(database), args);
  const set = await admin(["chat-retention", "check-in", "7"]);
  expect([set.code, set.err, set.out.trim()]).toEqual([0, "", 'Chat room "check-in" now keeps its messages for 7 days.']);
  expect((await chat.retentionByRoom()).find((r) => r.slug === "check-in")?.retentionDays).toBe(7);
  const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "chat.retention_set"));
  expect(row).toMatchObject({ actorKind: "operator", targetKind: "room", detail: { room: "check-in", days: 7 } });
  for (const bad of [["check-in", "0"], ["check-in", "3651"], ["check-in", "1.5"], ["check-in"], []])
    expect((await admin(["chat-retention", ...bad])).code).toBe(2);
  const unknown = await admin(["chat-retention", "no-such-room", "7"]);
  expect([unknown.code, unknown.err.trim()]).toEqual([1, "No chat room has that slug."]);
  expect((await chat.retentionByRoom()).find((r) => r.slug === "check-in")?.retentionDays).toBe(7);
});
