// The retention job (server/retention/retention.ts) with a controlled clock: it deletes exactly
// what has outlived its setting — notifications, media removal records, audit rows, held posts and
// threads a moderator rejected (through the real probation and rejection, not while an appeal of
// the rejection waits), closed reports and their closed queue items — and nothing else;
// it writes one audit row with the counts (none when nothing went); a second node finds the job's
// lock taken and skips.
import { eq, inArray, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, mediaRemovals, members, notifications, posts, queueItems, reports, threads } from "#db/schema.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { writeSetting } from "#server/settings/store.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { relaxed, startThread, replyTo, viewerFor } from "#tests/helpers/forums.ts";
import { actorOf } from "./moderation-helpers.ts";

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
    rejectedPosts: 0,
    rejectedThreads: 0,
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

test("a rejected new thread and rejected replies go 30 days after the rejection or the appeal's decision, never while an appeal waits", async () => {
  // Through the real flow: a new member's posts wait (probation), a moderator rejects them.
  await writeSetting(db, "probation.posts", 3);
  try {
    const { viewer: moderator } = await viewerFor(db);
    await db.update(members).set({ role: "admin" }).where(eq(members.id, moderator.id));
    const { viewer: regular } = await viewerFor(db);
    await db.update(members).set({ approvedPosts: 100 }).where(eq(members.id, regular.id));
    const { viewer: newcomer } = await viewerFor(db);
    const mod = await actorOf(db, moderator.id);
    const author = await actorOf(db, newcomer.id);
    const { threadId } = await startThread(db, regular, { title: "An open thread" });
    const removed = await replyTo(db, regular, threadId, "A reply a moderator removes (not a rejection).");
    const newThread = await startThread(db, newcomer, { title: "A new thread that waits" });
    const [rejected, appealed, decided] = [
      await replyTo(db, newcomer, threadId, "A reply rejected, not appealed."),
      await replyTo(db, newcomer, threadId, "A reply rejected and appealed."),
      await replyTo(db, newcomer, threadId, "A reply rejected, appealed and upheld later."),
    ];
    const waiting = await db.select({ id: posts.id, status: posts.status }).from(posts).where(eq(posts.authorId, newcomer.id));
    expect(waiting.every((p) => p.status === "pending")).toBe(true);
    expect((await db.select({ status: threads.status }).from(threads).where(eq(threads.id, newThread.threadId)))[0]!.status).toBe("pending");
    for (const p of [newThread, rejected, appealed, decided]) await services.moderation.reject(mod, p.postId, "Not this time");
    await services.moderation.remove(mod, { post: removed.postId }, "Off topic");
    const eventOf = async (postId: string) =>
      (await db.execute<{ id: string }>(sql`select id from moderation_events where post_id = ${postId} and kind = 'hold_rejected'`)).rows[0]!.id;
    await services.appeals.appeal(author, await eventOf(appealed.postId), { note: "Please look again." });
    const later = await services.appeals.appeal(author, await eventOf(decided.postId), { note: "Please look again, too." });
    await services.appeals.decide(mod, later.appealId, "upheld", "It stays rejected.");
    // As if that rejection had come 20 days before its appeal was decided (the decision is now).
    await db.execute(sql`update queue_items set resolved_at = resolved_at - make_interval(days => 20) where target_key = ${`post:${decided.postId}`}`);

    const left = async () =>
      ids(
        db
          .select({ id: posts.id })
          .from(posts)
          .where(inArray(posts.id, [newThread.postId, rejected.postId, appealed.postId, decided.postId, removed.postId])),
      );
    const threadLeft = async () => (await db.select().from(threads).where(eq(threads.id, newThread.threadId))).length;
    const rejectedAt = Date.now();
    const at = (days: number) => new Date(rejectedAt + days * 86_400_000);

    // 29 days on: nothing yet (the upheld one: 49 days since it was rejected, 29 since the decision).
    expect(await services.retention.run(at(29))).toMatchObject({ rejectedPosts: 0, rejectedThreads: 0 });
    expect((await left()).length).toBe(5);
    // 31 days on: the rejected thread goes whole, the rejected reply and the upheld one go; the
    // reply whose appeal waits stays, and so does the one a moderator removed.
    expect(await services.retention.run(at(31))).toMatchObject({ rejectedPosts: 2, rejectedThreads: 1 });
    expect(await threadLeft()).toBe(0);
    expect((await left()).sort()).toEqual([appealed.postId, removed.postId].sort());
    expect(await db.select().from(threads).where(eq(threads.id, threadId))).toHaveLength(1);
    // Months on, the appeal still undecided: still there.
    await services.retention.run(at(200));
    expect((await left()).sort()).toEqual([appealed.postId, removed.postId].sort());
  } finally {
    await writeSetting(db, "probation.posts", 0);
  }
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
