// Sessions per Lucia's design: random token in the cookie, SHA-256 of it as the row id,
// sliding 30-day expiry (renewed when less than 15 days remain), ended server-side.
import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "#db/client.ts";
import { preparedPer } from "#db/prepared.ts";
import { members, moderatorForums, notifications, sessions } from "#db/schema.ts";
import { isSuspended } from "#server/authz/policy.ts";
import { randomToken, sha256Hex } from "./tokens.ts";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
const RENEW_WITHIN_MS = 15 * DAY;
const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

export type Session = typeof sessions.$inferSelect;
export type SessionMember = Pick<typeof members.$inferSelect, "id" | "pseudonym" | "role" | "status" | "locale" | "openContentWarnings" | "suspendedUntil"> & {
  /** Unread notifications, for the header: read with the session, not in a query of its own. */
  unread: number;
  postingPaused: boolean;
  /** A moderator's forums (null: all of them), for server/authz/policy.ts. */
  moderatedForums: string[] | null;
};
export type ValidSession = { session: Session; member: SessionMember; renewed: boolean };

export function sessionIdFromToken(token: string) {
  return sha256Hex(token);
}

export async function createSession(db: Db, memberId: string, now = new Date()) {
  const token = randomToken(20);
  const [session] = await db
    .insert(sessions)
    .values({ id: sessionIdFromToken(token), memberId, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) })
    .returning();
  return { token, session: session! };
}

// Every request with a cookie runs this: prepared once per database handle (db/prepared.ts).
const sessionById = preparedPer((db) =>
  db
    .select({
      session: sessions,
      member: {
        id: members.id,
        pseudonym: members.pseudonym,
        role: members.role,
        status: members.status,
        locale: members.locale,
        openContentWarnings: members.openContentWarnings,
        suspendedUntil: members.suspendedUntil,
        postingPaused: sql<boolean>`${members.postingPausedAt} is not null`,
        moderatedForums: sql<
          string[] | null
        >`(select array_agg(${moderatorForums.forumId}) from ${moderatorForums} where ${moderatorForums.memberId} = ${members.id})`,
        unread: sql<number>`(select count(*)::int from ${notifications} where ${notifications.memberId} = ${members.id} and ${notifications.readAt} is null)`,
      },
    })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("hearth_session_by_id"),
);

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const id = sessionIdFromToken(token);
  const [row] = await sessionById(db).execute({ id });
  if (!row) return null;
  if (row.session.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // A banned member has no session (a ban also ends them); a suspension that has run out ends
  // here, on the member's next request.
  if (row.member.status === "banned") return null;
  if (row.member.status === "suspended" && !isSuspended(row.member, now)) {
    await db.update(members).set({ status: "active", suspendedUntil: null }).where(eq(members.id, row.member.id));
    row.member.status = "active";
    row.member.suspendedUntil = null;
  }
  let renewed = false;
  if (row.session.expiresAt.getTime() - now.getTime() < RENEW_WITHIN_MS) {
    row.session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db.update(sessions).set({ expiresAt: row.session.expiresAt }).where(eq(sessions.id, id));
    renewed = true;
  }
  return { ...row, renewed };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a member (or every one but `keep`); returns the ended ids. */
export async function invalidateMemberSessions(db: Db, memberId: string, keep?: string): Promise<string[]> {
  const where = keep ? and(eq(sessions.memberId, memberId), ne(sessions.id, keep)) : eq(sessions.memberId, memberId);
  const ended = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return ended.map((s) => s.id);
}

export async function listSessions(db: Db, memberId: string) {
  return db.select({ id: sessions.id, createdAt: sessions.createdAt }).from(sessions).where(eq(sessions.memberId, memberId)).orderBy(sessions.createdAt);
}

/** Deletes every session past its expiry (they no longer sign anyone in); returns their ids. */
export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<string[]> {
  const gone = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return gone.map((s) => s.id);
}
