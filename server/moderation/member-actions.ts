// Moderators' actions on a member: warn (a private notice), suspend (reads, but cannot post,
// report or chat until a time), ban (every session ended), unban, resume posting after repeated
// image attempts. Only on members of a lower role (outranks); suspensions, bans and the rest need
// a moderator of every forum or an admin, a warning about a post a moderator of its forum.
import { eq } from "drizzle-orm";
import type { Tx } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { invalidateMemberSessions } from "#server/auth/session.ts";
import { authorize, can, outranks, type Actor, type Permission } from "#server/authz/policy.ts";
import { Forbidden, Invalid } from "#server/errors.ts";
import type { ServiceDeps } from "#server/service-deps.ts";
import { afterCommit, type AfterCommit } from "./after-commit.ts";
import { audit, memberActor } from "./audit.ts";
import { recordEvent } from "./events.ts";
import { resolveTarget } from "./queue.ts";
import { lockMember, lockPost } from "./targets.ts";

type Deps = Pick<ServiceDeps, "db" | "live">;

async function onMember(
  deps: Deps,
  actor: Actor,
  memberId: string,
  permission: Permission,
  forumId: string | null,
  work: (tx: Tx, member: Awaited<ReturnType<typeof lockMember>>) => Promise<AfterCommit>,
) {
  authorize(actor, permission, forumId);
  const done = await deps.db.transaction(async (tx) => {
    const member = await lockMember(tx, memberId);
    if (!outranks(actor, member)) throw new Forbidden();
    return work(tx, member);
  });
  await afterCommit(deps, done);
}

/** A private warning; about a post (a moderator of its forum may warn) or the member in general. */
export async function warn(deps: Deps, actor: Actor, memberId: string, reason: string | null, about?: { postId: string }) {
  let context: { forumId: string; postId: string; threadId: string; title: string } | null = null;
  if (about) {
    const post = await deps.db.transaction((tx) => lockPost(tx, about.postId));
    if (post.authorId !== memberId) throw new Invalid({}, "mod.notApplicable");
    context = { forumId: post.forumId, postId: post.id, threadId: post.threadId, title: post.title };
  }
  await onMember(deps, actor, memberId, "mod.warn", context?.forumId ?? null, async (tx, member) => {
    // Reports on the member as a whole belong to no forum: only a moderator of every forum, who
    // can see them, closes them by warning. A warning about one post closes nothing else.
    if (can(actor, "mod.member")) await resolveTarget(tx, { member: member.id }, actor.id, "warned", ["report"]);
    await audit(tx, memberActor(actor.id), {
      action: "member.warn",
      targetKind: "member",
      targetId: member.id,
      forumId: context?.forumId ?? null,
      reason,
      detail: context ? { postId: context.postId } : null,
    });
    await recordEvent(tx, { memberId: member.id, kind: "warning", reason, postId: context?.postId, threadId: context?.threadId, context: context?.title });
    return { notify: [member.id] };
  });
}

export const SUSPENSION_DAYS = [1, 3, 7, 30] as const;

export async function suspend(deps: Deps, actor: Actor, memberId: string, until: Date, reason: string | null = null) {
  if (!(until.getTime() > Date.now())) throw new Invalid({ until: "mod.untilInPast" });
  await onMember(deps, actor, memberId, "mod.suspend", null, async (tx, member) => {
    if (member.status === "banned" || member.status === "waiting") throw new Invalid({}, "mod.notApplicable");
    // The suspension is the decision on a repeat-image alert too: posting is no longer paused.
    await tx.update(members).set({ status: "suspended", suspendedUntil: until, postingPausedAt: null }).where(eq(members.id, member.id));
    await resolveTarget(tx, { member: member.id }, actor.id, "suspended", ["report", "repeat_image"]);
    await audit(tx, memberActor(actor.id), {
      action: "member.suspend",
      targetKind: "member",
      targetId: member.id,
      reason,
      detail: { until: until.toISOString() },
    });
    await recordEvent(tx, { memberId: member.id, kind: "suspension", reason, until });
    return { notify: [member.id], closeSockets: [member.id] };
  });
}

export async function ban(deps: Deps, actor: Actor, memberId: string, reason: string | null = null) {
  await onMember(deps, actor, memberId, "mod.ban", null, async (tx, member) => {
    if (member.status === "banned") throw new Invalid({}, "mod.notApplicable");
    await tx.update(members).set({ status: "banned", suspendedUntil: null, postingPausedAt: null }).where(eq(members.id, member.id));
    const ended = await invalidateMemberSessions(tx, member.id);
    await resolveTarget(tx, { member: member.id }, actor.id, "banned", ["report", "repeat_image"]);
    await audit(tx, memberActor(actor.id), { action: "member.ban", targetKind: "member", targetId: member.id, reason, detail: { sessions: ended.length } });
    await recordEvent(tx, { memberId: member.id, kind: "ban", reason });
    return { endSessions: ended, closeSockets: [member.id] };
  });
}

/** Ends a ban, or a suspension early: the member is active again. */
export async function unban(deps: Deps, actor: Actor, memberId: string, reason: string | null = null) {
  await onMember(deps, actor, memberId, "mod.ban", null, async (tx, member) => {
    if (member.status !== "banned" && member.status !== "suspended") throw new Invalid({}, "mod.notApplicable");
    await tx.update(members).set({ status: "active", suspendedUntil: null }).where(eq(members.id, member.id));
    await audit(tx, memberActor(actor.id), { action: "member.unban", targetKind: "member", targetId: member.id, reason, detail: { was: member.status } });
    await recordEvent(tx, { memberId: member.id, kind: "unban", reason });
    return { notify: [member.id] };
  });
}

/** After a repeat-image alert: the member may post again. */
export async function resumePosting(deps: Deps, actor: Actor, memberId: string, reason: string | null = null) {
  await onMember(deps, actor, memberId, "mod.member", null, async (tx, member) => {
    if (!member.postingPausedAt) throw new Invalid({}, "mod.notApplicable");
    await tx.update(members).set({ postingPausedAt: null }).where(eq(members.id, member.id));
    await resolveTarget(tx, { member: member.id }, actor.id, "resumed", ["repeat_image"]);
    await audit(tx, memberActor(actor.id), { action: "member.resume_posting", targetKind: "member", targetId: member.id, reason });
    return {};
  });
}
