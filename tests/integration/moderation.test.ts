// Moderators' actions through services.moderation and over HTTP: every action changes what it
// should and writes its audit row; the audit log is append-only; the queue's order and scope;
// suspensions and bans; private notes.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, memberNotes, members, moderationEvents, notifications, posts, queueItems, threads } from "#db/schema.ts";
import { maintenance } from "#server/moderation/audit.ts";
import { openQueueItem } from "#server/moderation/queue.ts";
import { createServices } from "#server/services.ts";
import type { Live } from "#server/live.ts";
import { relaxed, startThread, replyTo } from "#tests/helpers/forums.ts";
import { pageText } from "#tests/helpers/http-client.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { forumId, person, signIn } from "./moderation-helpers.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
const pushed: string[] = [];
const live: Live = {
  push: async (to, event, ...args) => {
    void args;
    pushed.push(`${JSON.stringify(to)} ${event}`);
  },
  endSessions: async (ids) => {
    pushed.push(`end ${ids.length}`);
  },
  closeMemberSockets: async (id) => {
    pushed.push(`close ${id}`);
  },
};
const services = createServices({ db, throttle: relaxed(), live });
const mod = services.moderation;

async function lastAudit(targetId: string) {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

async function postStatus(id: string) {
  return (await db.select({ s: posts.status }).from(posts).where(eq(posts.id, id)))[0]!.s;
}

test("every action changes what it should and writes its audit row in the same transaction", async () => {
  const admin = await (await person(db, "admin")).actor();
  const author = await person(db);
  const t = await startThread(db, { id: author.id, role: "member" }, { title: "Walk every action", body: "hello @nobody" });
  const seen: string[] = [];
  const check = async (targetId: string, action: string, reason: string | null = null) => {
    const row = await lastAudit(targetId);
    expect(row, action).toMatchObject({ action, actorKind: "member", actorId: admin.id, reason });
    seen.push(action);
  };

  // A waiting post (probation) with its pending thread, and its queue item.
  const pending = await replyTo(db, { id: author.id, role: "member" }, t.threadId, "waiting for a moderator");
  await db.update(posts).set({ status: "pending" }).where(eq(posts.id, pending.postId));
  await openQueueItem(db, {
    kind: "pending",
    target: { post: pending.postId, thread: t.threadId },
    forumId: await forumId(db, "support"),
    memberId: author.id,
    priority: 7,
  });
  await mod.approve(admin, { post: pending.postId }, "fine");
  expect(await postStatus(pending.postId)).toBe("visible");
  expect((await db.select({ n: members.approvedPosts }).from(members).where(eq(members.id, author.id)))[0]!.n).toBe(1);
  await check(pending.postId, "post.approve", "fine");

  const held = await replyTo(db, { id: author.id, role: "member" }, t.threadId, "held automatically");
  await db.update(posts).set({ status: "pending" }).where(eq(posts.id, held.postId));
  await mod.act(admin, { intent: "reject", postId: held.postId, reasonTemplate: "Spam or advertising · 垃圾信息或广告", reasonText: "link farm" });
  expect(await postStatus(held.postId)).toBe("removed");
  await check(held.postId, "post.reject", "Spam or advertising · 垃圾信息或广告 — link farm");
  const [rejected] = await db.select().from(moderationEvents).where(eq(moderationEvents.postId, held.postId));
  expect(rejected).toMatchObject({ kind: "hold_rejected", memberId: author.id, reason: "Spam or advertising · 垃圾信息或广告 — link farm" });

  for (const [change, status] of [
    ["hide", "hidden"],
    ["unhide", "visible"],
    ["remove", "removed"],
    ["restore", "visible"],
  ] as const) {
    await mod[change](admin, { post: t.postId }, change === "remove" ? "names a person" : null);
    expect(await postStatus(t.postId), change).toBe(status);
    await check(t.postId, `post.${change}`, change === "remove" ? "names a person" : null);
  }
  const told = await db.select({ kind: moderationEvents.kind }).from(moderationEvents).where(eq(moderationEvents.postId, t.postId));
  expect(told.map((e) => e.kind).sort()).toEqual(["removal", "restored"]);

  await mod.setContentWarning(admin, { post: t.postId }, "mentions violence");
  expect((await db.select({ w: posts.contentWarning }).from(posts).where(eq(posts.id, t.postId)))[0]!.w).toBe("mentions violence");
  await check(t.postId, "post.content_warning");

  const threadState = async () => (await db.select().from(threads).where(eq(threads.id, t.threadId)))[0]!;
  for (const [change, status] of [
    ["hide", "hidden"],
    ["unhide", "visible"],
    ["remove", "removed"],
    ["restore", "visible"],
  ] as const) {
    await mod[change](admin, { thread: t.threadId });
    expect((await threadState()).status, change).toBe(status);
    await check(t.threadId, `thread.${change}`);
  }
  await mod.setContentWarning(admin, { thread: t.threadId }, "self-harm");
  expect((await threadState()).contentWarning).toBe("self-harm");
  await check(t.threadId, "thread.content_warning");
  for (const flag of ["lock", "unlock", "pin", "unpin"] as const) {
    await mod.setThreadFlag(admin, t.threadId, flag);
    await check(t.threadId, `thread.${flag}`);
  }
  await mod.setThreadFlag(admin, t.threadId, "lock");
  expect((await threadState()).locked).toBe(true);
  await mod.act(admin, { intent: "move", threadId: t.threadId, forum: "wellbeing" });
  expect((await threadState()).forumId).toBe(await forumId(db, "wellbeing"));
  await check(t.threadId, "thread.move");

  const reporter = await person(db);
  await mod.report(await reporter.actor(), { post: t.postId }, { reason: "spam" });
  const [item] = await db
    .select()
    .from(queueItems)
    .where(and(eq(queueItems.targetKey, `post:${t.postId}`), isNull(queueItems.resolvedAt)));
  expect(item!.forumId).toBe(await forumId(db, "wellbeing"));
  await mod.dismiss(admin, item!.id);
  expect((await db.select().from(queueItems).where(eq(queueItems.id, item!.id)))[0]!.resolution).toBe("dismissed");
  expect(
    await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "report.dismiss"), eq(auditLog.targetId, t.postId))),
  ).toHaveLength(1);
  seen.push("report.dismiss");

  await mod.warn(admin, author.id, "please be kind");
  await check(author.id, "member.warn", "please be kind");
  await mod.act(admin, { intent: "suspend", memberId: author.id, duration: "3" });
  const suspended = (await db.select().from(members).where(eq(members.id, author.id)))[0]!;
  expect(suspended.status).toBe("suspended");
  expect(suspended.suspendedUntil!.getTime() - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
  await check(author.id, "member.suspend");
  await mod.unban(admin, author.id);
  expect((await db.select().from(members).where(eq(members.id, author.id)))[0]!.status).toBe("active");
  await check(author.id, "member.unban");
  await db.update(members).set({ postingPausedAt: sql`now()` }).where(eq(members.id, author.id));
  await openQueueItem(db, { kind: "repeat_image", target: { member: author.id }, forumId: null, memberId: author.id, priority: 2 });
  await mod.resumePosting(admin, author.id);
  expect((await db.select().from(members).where(eq(members.id, author.id)))[0]!.postingPausedAt).toBeNull();
  expect(
    await db
      .select()
      .from(queueItems)
      .where(and(eq(queueItems.targetKey, `member:${author.id}`), isNull(queueItems.resolvedAt))),
  ).toHaveLength(0);
  await check(author.id, "member.resume_posting");
  await mod.ban(admin, author.id, "repeated doxxing");
  expect((await db.select().from(members).where(eq(members.id, author.id)))[0]!.status).toBe("banned");
  await check(author.id, "member.ban", "repeated doxxing");
  await mod.addNote(admin, author.id, { note: "asked about their safety" });
  await check(author.id, "member.note");

  const events = await db.select({ kind: moderationEvents.kind }).from(moderationEvents).where(eq(moderationEvents.memberId, author.id));
  expect(new Set(events.map((e) => e.kind))).toEqual(new Set(["hold_rejected", "removal", "restored", "warning", "suspension", "unban", "ban"]));
  expect(
    await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.memberId, author.id), eq(notifications.kind, "moderation"))),
  ).toHaveLength(events.length);
  expect(pushed).toContain(`{"member":"${author.id}"} notifications:new`);
  expect(pushed).toContain(`close ${author.id}`);
  expect(new Set(seen).size).toBe(24);
});

test("the audit log refuses UPDATE, DELETE and TRUNCATE; the retention job may update and delete inside its transaction", async () => {
  const admin = await (await person(db, "admin")).actor();
  const target = await person(db);
  await mod.warn(admin, target.id, "audit me");
  const row = (await lastAudit(target.id))!;
  const pool = hearth.database.pool;
  await expect(pool.query("UPDATE audit_log SET reason = 'changed' WHERE id = $1", [row.id])).rejects.toThrow(/append-only/);
  await expect(pool.query("DELETE FROM audit_log WHERE id = $1", [row.id])).rejects.toThrow(/append-only/);
  await expect(pool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
  await db.transaction(async (tx) => {
    await maintenance(tx, "retention");
    await tx.update(auditLog).set({ reason: "redacted" }).where(eq(auditLog.id, row.id));
  });
  expect((await lastAudit(target.id))!.reason).toBe("redacted");
  // The permission ends with its transaction.
  await expect(pool.query("DELETE FROM audit_log WHERE id = $1", [row.id])).rejects.toThrow(/append-only/);
  await db.transaction(async (tx) => {
    await maintenance(tx, "retention");
    await tx.delete(auditLog).where(eq(auditLog.id, row.id));
  });
  expect(await db.select().from(auditLog).where(eq(auditLog.id, row.id))).toHaveLength(0);
});

test("the queue puts self-harm first, identifying information next, and shows a scoped moderator only their forums", async () => {
  const admin = await (await person(db, "admin")).actor();
  // Start from an empty queue: earlier tests' items are resolved.
  await db.update(queueItems).set({ resolvedAt: sql`now()` }).where(isNull(queueItems.resolvedAt));
  const author = await person(db);
  const a = { id: author.id, role: "member" as const };
  const spam = await startThread(db, a, { forum: "support", title: "Spam thread" });
  const identifying = await startThread(db, a, { forum: "support", title: "Identifying thread" });
  const danger = await startThread(db, a, { forum: "wellbeing", title: "Danger thread" });
  const reporter = await (await person(db)).actor();
  await mod.report(reporter, { post: spam.postId }, { reason: "spam" });
  await mod.report(reporter, { post: identifying.postId }, { reason: "identifying" });
  await mod.report(reporter, { post: danger.postId }, { reason: "self-harm" });
  await mod.report(reporter, { member: author.pseudonym }, { reason: "harassment" });
  const all = await mod.queue(admin, { page: 1 });
  expect(all.items.map((i) => i.thread?.title ?? i.member?.pseudonym)).toEqual(["Danger thread", "Identifying thread", author.pseudonym, "Spam thread"]);
  expect(all.total).toBe(4);
  expect(all.items[0]!.reporters).toEqual([{ pseudonym: reporter.pseudonym, reason: "self-harm", note: null }]);

  const scoped = await (await person(db, "moderator", ["support"])).actor();
  const mine = await mod.queue(scoped, { page: 1 });
  expect(mine.items.map((i) => i.thread?.title)).toEqual(["Identifying thread", "Spam thread"]);
  expect(mine.forums.map((f) => f.slug)).toEqual(["support"]);
  expect((await mod.queue(scoped, { page: 1, kind: "report", forum: "wellbeing" })).items).toHaveLength(0);
  const dangerItem = all.items[0]!;
  await expect(mod.dismiss(scoped, dangerItem.id)).rejects.toMatchObject({ name: "Forbidden" });
  await expect(mod.remove(scoped, { post: danger.postId })).rejects.toMatchObject({ name: "Forbidden" });
  await expect(mod.setThreadFlag(scoped, danger.threadId, "lock")).rejects.toMatchObject({ name: "Forbidden" });
  await expect(mod.act(scoped, { intent: "move", threadId: spam.threadId, forum: "wellbeing" })).rejects.toMatchObject({ name: "Forbidden" });
  await expect(mod.suspend(scoped, author.id, new Date(Date.now() + 86_400_000))).rejects.toMatchObject({ name: "Forbidden" });
  await expect(mod.member(scoped, author.id)).rejects.toMatchObject({ name: "Forbidden" });
  expect(await postStatus(danger.postId)).toBe("visible");
  await mod.hide(scoped, { post: spam.postId });
  expect(await postStatus(spam.postId)).toBe("hidden");
  const member = await (await person(db)).actor();
  await expect(mod.queue(member, { page: 1 })).rejects.toMatchObject({ name: "Forbidden" });
  // A moderator does not act on a peer.
  const peer = await person(db, "moderator");
  const globalMod = await (await person(db, "moderator")).actor();
  await expect(mod.ban(globalMod, peer.id)).rejects.toMatchObject({ name: "Forbidden" });

  // The audit page follows the same scope.
  const audit = await mod.audit(scoped, { page: 1 });
  expect(audit.rows.every((r) => r.forum?.slug === "support")).toBe(true);
  expect(audit.rows.some((r) => r.action === "post.hide")).toBe(true);
});

test("over HTTP: the queue collapses sexual content, a suspension blocks posting and reporting but not reading, a ban signs out", async () => {
  const moderator = await person(db, "moderator");
  const author = await person(db);
  const t = await startThread(db, { id: author.id, role: "member" }, { title: "Collapsed content", body: "Body the moderator opens" });
  const reporter = await person(db);
  await mod.report(await reporter.actor(), { post: t.postId }, { reason: "image" });
  const modClient = await signIn(hearth.url, moderator);
  const html = await (await modClient.get("/mod?kind=report")).text();
  expect(html).toMatch(/<details class="mod-collapsed"><summary>Show the content<\/summary>/);
  expect(html).not.toMatch(/<details[^>]*open/);
  expect(pageText(html)).toContain(reporter.pseudonym);
  const [item] = await db
    .select()
    .from(queueItems)
    .where(and(eq(queueItems.targetKey, `post:${t.postId}`), isNull(queueItems.resolvedAt)));

  const authorClient = await signIn(hearth.url, author);
  const suspend = await modClient.post("/mod?kind=report", { intent: "suspend", memberId: author.id, itemId: item!.id, duration: "7", reasonText: "cool off" });
  expect(suspend.status).toBe(303);
  expect(suspend.headers.get("location")).toBe("/mod?kind=report&done=suspend");
  expect((await authorClient.get(`/t/${t.threadId}`)).status).toBe(200);
  const page = await (await authorClient.get(`/t/${t.threadId}`)).text();
  const key = page.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] ?? "k-12345678";
  const replied = await authorClient.post(`/t/${t.threadId}`, { body: "still here", idempotencyKey: key, intent: "post", contentWarning: "" });
  expect(replied.status).toBe(400);
  const other = await startThread(db, { id: reporter.id, role: "member" });
  expect((await authorClient.post(`/p/${other.postId}/report`, { reason: "other" })).status).toBe(400);

  const audit = pageText(await (await modClient.get("/mod/audit?action=member.suspend")).text());
  expect(audit).toContain(moderator.pseudonym);
  expect(audit).toContain("suspended a member");
  expect(audit).toContain("cool off");

  // Locked threads: no reply form, replies refused.
  await modClient.post(`/mod/threads/${other.threadId}`, { intent: "lock", threadId: other.threadId });
  const readerClient = await signIn(hearth.url, await person(db));
  const locked = pageText(await (await readerClient.get(`/t/${other.threadId}`)).text());
  expect(locked).toContain("This thread is locked");
  await expect(replyTo(db, { id: author.id, role: "member" }, other.threadId, "late reply")).rejects.toMatchObject({ formError: "mod.locked" });

  // A ban ends every session: the next request is signed out.
  const admin = await person(db, "admin");
  const adminClient = await signIn(hearth.url, admin);
  const banned = await adminClient.post(`/mod/members/${author.id}`, { intent: "ban", memberId: author.id });
  expect(banned.status).toBe(303);
  expect((await authorClient.get("/settings")).status).toBe(302);
  expect((await db.execute(sql`select count(*)::int as n from sessions where member_id = ${author.id}`)).rows[0]).toEqual({ n: 0 });
});

test("notes are kept for moderators of every forum and admins, audited without their text", async () => {
  const admin = await person(db, "admin");
  const member = await person(db);
  const client = await signIn(hearth.url, admin);
  const saved = await client.post(`/mod/members/${member.id}?note`, { note: "Said they feel unsafe at home" });
  expect(saved.status).toBe(303);
  const page = pageText(await (await client.get(`/mod/members/${member.id}`)).text());
  expect(page).toContain("Said they feel unsafe at home");
  expect(page).toContain("Images removed by the media guard: 0 in the last 24 hours");
  const [note] = await db.select().from(memberNotes).where(eq(memberNotes.memberId, member.id));
  const row = (await lastAudit(member.id))!;
  expect(row).toMatchObject({ action: "member.note", detail: { note: note!.id } });
  expect(JSON.stringify(row)).not.toContain("unsafe");
  const scoped = await person(db, "moderator", ["support"]);
  expect((await (await signIn(hearth.url, scoped)).get(`/mod/members/${member.id}`)).status).toBe(404);
  expect((await (await signIn(hearth.url, member)).get("/mod")).status).toBe(404);
});
