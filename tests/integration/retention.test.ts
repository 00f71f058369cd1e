// The retention job (server/retention/retention.ts) with a controlled clock: it deletes exactly
// what has outlived its setting — notifications, media removal records, audit rows, held posts and
// threads a moderator rejected, closed reports and their closed queue items — and nothing else;
// it writes one audit row with the counts (none when nothing went); a second node finds the job's
// lock taken and skips.
import { eq, inArray, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, mediaRemovals, notifications, posts, queueItems, reports, threads } from "#db/schema.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { writeSetting } from "#server/settings/store.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { relaxed, startThread, replyTo, viewerFor } from "#tests/helpers/forums.ts";

const database = await createTestDatabase();
const db = database.db;
const services = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) });
const NOW = new Date("2027-06-01T12:00:00Z");
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const ids = async <T extends { id: string | number }>(rows: Promise<T[]>) => (await rows).map((r) => r.id);

test("deletes what has outlived its retention, keeps the rest, and audits the counts", async () => {
  const { viewer } = await viewerFor(db);
  const { threadId } = await startThread(db, viewer, { title: "A thread that stays" });
  const keptReply = await replyTo(db, viewer, threadId, "A reply that stays.");

  // Notifications: 91 days old goes, 89 stays (default 90).
  const [oldNote, newNote] = await db
    .insert(notifications)
    .values([
      { memberId: viewer.id, kind: "moderation", createdAt: daysBefore(91) },
      { memberId: viewer.id, kind: "moderation", createdAt: daysBefore(89) },
    ])
    .returning({ id: notifications.id });
  // Media removal records: default 90 days.
  const [oldRemoval, newRemoval] = await db
    .insert(mediaRemovals)
    .values([
      { memberId: viewer.id, channel: "post", format: "png", size: 10, sha256: "a".repeat(64), createdAt: daysBefore(120) },
      { memberId: viewer.id, channel: "post", format: "png", size: 10, sha256: "b".repeat(64), createdAt: daysBefore(10) },
    ])
    .returning({ id: mediaRemovals.id });
  // Audit rows: default 365 days.
  const [oldAudit, newAudit] = await db
    .insert(auditLog)
    .values([
      { actorKind: "system", action: "test.old", at: daysBefore(400) },
      { actorKind: "system", action: "test.recent", at: daysBefore(300) },
    ])
    .returning({ id: auditLog.id });

  // Held posts: a reply rejected 31 days ago goes (default 30); one rejected 5 days ago stays; a
  // reply a moderator removed (not a rejection) stays for its appeal; a rejected new thread goes whole.
  const rejectedOld = await replyTo(db, viewer, threadId, "Rejected long ago.");
  const rejectedRecent = await replyTo(db, viewer, threadId, "Rejected this week.");
  const removed = await replyTo(db, viewer, threadId, "Removed by a moderator.");
  const rejectedThread = await startThread(db, viewer, { title: "A thread rejected long ago" });
  for (const p of [rejectedOld, rejectedRecent, removed]) await db.update(posts).set({ status: "removed" }).where(eq(posts.id, p.postId));
  await db.update(threads).set({ status: "removed" }).where(eq(threads.id, rejectedThread.threadId));
  await db.update(posts).set({ status: "removed" }).where(eq(posts.id, rejectedThread.postId));
  const item = (targetKey: string, resolution: string, resolvedAt: Date, extra: Partial<typeof queueItems.$inferInsert> = {}) => ({
    kind: "pending" as const,
    targetKey,
    priority: 5,
    resolution,
    resolvedAt,
    ...extra,
  });
  await db.insert(queueItems).values([
    item(`post:${rejectedOld.postId}`, "rejected", daysBefore(31), { postId: rejectedOld.postId, threadId }),
    item(`post:${rejectedRecent.postId}`, "rejected", daysBefore(5), { postId: rejectedRecent.postId, threadId }),
    item(`post:${removed.postId}`, "removed", daysBefore(31), { postId: removed.postId, threadId }),
    item(`thread:${rejectedThread.threadId}`, "rejected", daysBefore(40), { threadId: rejectedThread.threadId }),
    // An item about the kept thread as a whole, rejected long ago, must not take the thread.
    item(`post:${keptReply.postId}-not-this`, "rejected", daysBefore(40), { threadId }),
  ]);

  // Reports: closed 181 days ago goes (default 180) with its closed report item; closed 10 days
  // ago stays; an open one from a year ago stays.
  const [closedOld, closedRecent, open] = await db
    .insert(reports)
    .values([
      { postId: keptReply.postId, reporterId: viewer.id, reason: "spam", resolvedAt: daysBefore(181) },
      { postId: keptReply.postId, reporterId: null, reason: "other", resolvedAt: daysBefore(10) },
      { threadId, reporterId: null, reason: "harassment", createdAt: daysBefore(365) },
    ])
    .returning({ id: reports.id });
  const [closedItem] = await db
    .insert(queueItems)
    .values({
      kind: "report",
      targetKey: `post:${keptReply.postId}`,
      priority: 8,
      resolution: "dismissed",
      resolvedAt: daysBefore(200),
      postId: keptReply.postId,
    })
    .returning({ id: queueItems.id });

  const counts = await services.retention.run(NOW);
  expect(counts).toEqual({
    notifications: 1,
    mediaRemovals: 1,
    auditRows: 1,
    rejectedPosts: 1,
    rejectedThreads: 1,
    closedReports: 1,
    closedReportItems: 1,
    expiredPosts: 0,
    expiredMessages: 0,
  });
  expect(
    await ids(
      db
        .select({ id: notifications.id })
        .from(notifications)
        .where(inArray(notifications.id, [oldNote!.id, newNote!.id])),
    ),
  ).toEqual([newNote!.id]);
  expect(
    await ids(
      db
        .select({ id: mediaRemovals.id })
        .from(mediaRemovals)
        .where(inArray(mediaRemovals.id, [oldRemoval!.id, newRemoval!.id])),
    ),
  ).toEqual([newRemoval!.id]);
  expect(
    await ids(
      db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(inArray(auditLog.id, [oldAudit!.id, newAudit!.id])),
    ),
  ).toEqual([newAudit!.id]);
  const left = await ids(
    db
      .select({ id: posts.id })
      .from(posts)
      .where(inArray(posts.id, [rejectedOld.postId, rejectedRecent.postId, removed.postId, keptReply.postId, rejectedThread.postId])),
  );
  expect(left.sort()).toEqual([rejectedRecent.postId, removed.postId, keptReply.postId].sort());
  expect(await db.select().from(threads).where(eq(threads.id, rejectedThread.threadId))).toHaveLength(0);
  expect(await db.select().from(threads).where(eq(threads.id, threadId))).toHaveLength(1);
  const reportsLeft = await ids(
    db
      .select({ id: reports.id })
      .from(reports)
      .where(inArray(reports.id, [closedOld!.id, closedRecent!.id, open!.id])),
  );
  expect(reportsLeft.sort()).toEqual([closedRecent!.id, open!.id].sort());
  expect(await db.select().from(queueItems).where(eq(queueItems.id, closedItem!.id))).toHaveLength(0);

  // One audit row, as Hearth, with the counts and nothing else.
  const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "privacy.retention"));
  expect(row).toMatchObject({ actorKind: "system", actorId: null, targetId: null, detail: counts });

  // Nothing more to delete: no second audit row.
  expect(Object.values((await services.retention.run(NOW))!).every((n) => n === 0)).toBe(true);
  expect(await db.select().from(auditLog).where(eq(auditLog.action, "privacy.retention"))).toHaveLength(1);
});

test("a shorter setting deletes sooner: the job reads the settings at each run", async () => {
  const { viewer } = await viewerFor(db);
  const [note] = await db
    .insert(notifications)
    .values({ memberId: viewer.id, kind: "moderation", createdAt: daysBefore(10) })
    .returning({ id: notifications.id });
  await services.retention.run(NOW);
  expect(await db.select().from(notifications).where(eq(notifications.id, note!.id))).toHaveLength(1);
  await writeSetting(db, "retention.notifications_days", 7);
  expect((await services.retention.run(NOW))!.notifications).toBeGreaterThanOrEqual(1);
  expect(await db.select().from(notifications).where(eq(notifications.id, note!.id))).toHaveLength(0);
  await writeSetting(db, "retention.notifications_days", 90);
});

test("one node at a time: while another holds the job's lock, a run skips", async () => {
  const client = await database.pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock($1)", [0x4845_5254]);
    expect(await services.retention.run(NOW)).toBeNull();
    await client.query("rollback");
  } finally {
    client.release();
  }
  expect(await services.retention.run(NOW)).not.toBeNull();
  // The job never deletes audit rows outside its own maintenance transaction.
  await expect(db.execute(sql`delete from audit_log where action = 'test.recent'`)).rejects.toThrow();
});
