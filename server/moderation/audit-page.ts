// /mod/audit: the audit log, newest first, 25 a page, filtered by action. A moderator of chosen
// forums reads their forums' rows; moderators of every forum also read the forum-less moderation
// rows (members, appeals, reports on members); admins read everything, settings changes and the
// operator's commands included. Who acted is a pseudonym, or the operator, or Hearth itself.
import { and, desc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "#db/client.ts";
import { auditLog, forums, members, threads } from "#db/schema.ts";
import { authorize, type Actor } from "#server/authz/policy.ts";
import { PAGE_SIZE } from "#server/forums/viewer.ts";
import { forumScope } from "./scope.ts";

/** Rows about moderation that name no forum: what moderators of every forum see besides forums'. */
const MODERATION_TARGETS = ["post", "thread", "member", "report", "queue", "appeal", "message", "room"];

function conditions(actor: Actor, action: string | null): SQL | undefined {
  const where: Array<SQL | undefined> = [];
  if (actor.role !== "admin") {
    const scope = forumScope(actor);
    if (scope === null) where.push(or(isNotNull(auditLog.forumId), inArray(auditLog.targetKind, MODERATION_TARGETS)));
    else where.push(scope.length ? inArray(auditLog.forumId, scope) : sql`false`);
  }
  if (action) where.push(eq(auditLog.action, action));
  return and(...where);
}

/** Pages of the log a moderator can page through (400 of 25); a filter reaches older rows. */
export const COUNT_CAP = 10_000;

const actorMember = alias(members, "actor_member");
const targetMember = alias(members, "target_member");

export async function auditPage(db: Db, actor: Actor, filter: { action?: string | null; page: number }) {
  authorize(actor, "mod.audit");
  const action = filter.action && /^[a-z_.]{1,60}$/.test(filter.action) ? filter.action : null;
  const where = conditions(actor, action);
  const [rows, [summary]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorKind: auditLog.actorKind,
        actor: actorMember.pseudonym,
        action: auditLog.action,
        targetKind: auditLog.targetKind,
        targetId: auditLog.targetId,
        reason: auditLog.reason,
        detail: auditLog.detail,
        forum: { slug: forums.slug, names: forums.names },
        member: targetMember.pseudonym,
        thread: threads.title,
      })
      .from(auditLog)
      .leftJoin(actorMember, eq(actorMember.id, auditLog.actorId))
      .leftJoin(forums, eq(forums.id, auditLog.forumId))
      .leftJoin(targetMember, and(eq(auditLog.targetKind, "member"), eq(targetMember.id, auditLog.targetId)))
      .leftJoin(threads, and(eq(auditLog.targetKind, "thread"), eq(threads.id, auditLog.targetId)))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(PAGE_SIZE)
      .offset((filter.page - 1) * PAGE_SIZE),
    // Counted up to a cap: an index-only scan of at most COUNT_CAP rows, not the whole log
    // (100,000 rows took 20 ms a page). Older rows are reached by filtering by action.
    db.select({ total: sql<number>`count(*)::int` }).from(
      db
        .select({ one: sql`1`.as("one") })
        .from(auditLog)
        .where(where)
        .limit(COUNT_CAP + 1)
        .as("capped"),
    ),
  ]);
  const total = summary?.total ?? 0;
  const capped = total > COUNT_CAP;
  return { rows, total: Math.min(total, COUNT_CAP), capped, page: filter.page, pages: Math.max(1, Math.ceil(Math.min(total, COUNT_CAP) / PAGE_SIZE)), action };
}

/** Actions the filter offers (those Hearth writes); any other value still filters exactly. */
export const AUDIT_ACTIONS = [
  "post.approve",
  "post.reject",
  "post.hide",
  "post.unhide",
  "post.remove",
  "post.restore",
  "post.content_warning",
  "thread.hide",
  "thread.unhide",
  "thread.remove",
  "thread.restore",
  "thread.content_warning",
  "thread.lock",
  "thread.unlock",
  "thread.pin",
  "thread.unpin",
  "thread.move",
  "report.dismiss",
  "flag.dismiss",
  "chat.remove",
  "chat.mute",
  "chat.unmute",
  "chat.slow",
  "chat.lock",
  "chat.unlock",
  "chat.retention",
  "chat.retention_set",
  "member.warn",
  "member.suspend",
  "member.ban",
  "member.unban",
  "member.resume_posting",
  "member.note",
  "member.posting_paused",
  "member.role",
  "approval.approve",
  "approval.refuse",
  "appeal.decide",
  "invite.create",
  "invite.revoke",
  "setting.change",
  "member.export",
  "member.erase",
  "privacy.retention",
] as const;
