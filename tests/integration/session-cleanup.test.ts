// Expired sessions are deleted at start and every hour, judged by the job's clock.
import { eq } from "drizzle-orm";
import { afterEach, expect, test, vi } from "vitest";
import { auditLog, sessions } from "#db/schema.ts";
import { createSession, SESSION_LIFETIME_MS } from "#server/auth/session.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { JOB_LOCKS } from "#server/jobs/one-node.ts";
import { SESSION_CLEANUP_EVERY_MS, scheduleSessionCleanup } from "#server/jobs/session-cleanup.ts";
import { createLog } from "#server/log.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { makeMember } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const database = await createTestDatabase();
const services = createServices({ db: database.db, throttle: memoryThrottle(), live: createNotifyLive(database.pool) });
const HOUR = 60 * 60 * 1000;
afterEach(() => vi.useRealTimers());

const exists = async (id: string) => (await database.db.select().from(sessions).where(eq(sessions.id, id))).length === 1;
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  return check();
};

test("the job deletes sessions past their expiry at start, then hourly as the clock moves on", async () => {
  const member = await makeMember(database.db);
  const start = new Date("2031-03-01T12:00:00Z");
  // One session expired an hour before the job's "now", one that expires 30 minutes after it.
  const expired = (await createSession(database.db, member.memberId, new Date(start.getTime() - SESSION_LIFETIME_MS - HOUR))).session.id;
  const later = (await createSession(database.db, member.memberId, new Date(start.getTime() - SESSION_LIFETIME_MS + HOUR / 2))).session.id;
  let now = start;
  // Only the interval is faked: the database driver keeps its real timers.
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  const stop = scheduleSessionCleanup(services, createLog("silent"), { now: () => now });

  expect(await until(async () => !(await exists(expired)))).toBe(true);
  expect(await exists(later)).toBe(true);

  // The hour passes. The first run may still be finishing (its audit row, its notice to the
  // sockets), and a tick while a run is under way is skipped on purpose: the hours keep passing
  // until one runs.
  now = new Date(start.getTime() + HOUR);
  const hourPassed = async () => {
    vi.advanceTimersByTime(SESSION_CLEANUP_EVERY_MS);
    return !(await exists(later));
  };
  expect(await until(hourPassed)).toBe(true);
  await stop();
});

test("a starting Hearth deletes the sessions that expired while it was stopped", async () => {
  const own = await createTestDatabase();
  const member = await makeMember(own.db);
  const expired = (await createSession(own.db, member.memberId, new Date(Date.now() - SESSION_LIFETIME_MS - HOUR))).session.id;
  await startTestHearth({ database: own });
  expect(await until(async () => (await own.db.select().from(sessions).where(eq(sessions.id, expired))).length === 0)).toBe(true);
});

test("one node at a time: while another holds the job's lock this node skips; then it deletes and audits the count", async () => {
  const own = await createTestDatabase();
  const ownServices = createServices({ db: own.db, throttle: memoryThrottle(), live: createNotifyLive(own.pool) });
  const member = await makeMember(own.db);
  const expired = (await createSession(own.db, member.memberId, new Date(Date.now() - SESSION_LIFETIME_MS - HOUR))).session.id;
  const otherNode = await own.pool.connect();
  try {
    await otherNode.query("select pg_advisory_lock($1)", [JOB_LOCKS.sessionCleanup]);
    expect(await ownServices.auth.deleteExpiredSessions()).toBeNull();
    expect((await own.db.select().from(sessions).where(eq(sessions.id, expired))).length).toBe(1);
    await otherNode.query("select pg_advisory_unlock($1)", [JOB_LOCKS.sessionCleanup]);
  } finally {
    otherNode.release();
  }
  expect(await ownServices.auth.deleteExpiredSessions()).toBe(1);
  expect((await own.db.select().from(sessions).where(eq(sessions.id, expired))).length).toBe(0);
  const rows = await own.db.select().from(auditLog).where(eq(auditLog.action, "privacy.retention"));
  expect(rows.map((r) => r.detail)).toEqual([{ expiredSessions: 1 }]);
});
