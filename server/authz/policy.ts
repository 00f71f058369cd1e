// Who may do what: the one table Hearth's services check on every request, CLI command and
// (next) socket event, and that the authorization-matrix test reads to know what to expect.
// A permission names a rule; a rule is a question about the actor (and, for forum-scoped
// moderation, the forum). Pages and forms only reflect these answers; the services enforce them.
import { Forbidden } from "#server/errors.ts";

import type { Actor, Role } from "#app/contracts/actor.ts";

export type { Actor, MemberStatus, Role } from "#app/contracts/actor.ts";

export type Rule =
  /** Everyone, signed in or not: the safety pages (help, quick exit, language, discreet mode)
   *  and the privacy page. */
  | "anyone"
  /** Everyone but a member waiting for approval, who sees only their waiting page. */
  | "public"
  /** Any session, including a member waiting for approval (sign-out). */
  | "signedIn"
  /** Only a member waiting for approval: their waiting page. */
  | "waiting"
  /** A member who has been let in: reads members-only forums, settings, their history, appeals. */
  | "reader"
  /** A reader who is not suspended: posts, reports, chats. */
  | "participant"
  /** Moderators (of the forum concerned, when there is one) and admins. */
  | "moderator"
  /** Moderators of every forum, and admins: actions on members, not on a forum's content. */
  | "globalModerator"
  | "admin"
  /** The shell: the admin CLI, run by whoever operates the server. No web persona has it. */
  | "operator";

export const POLICY = {
  // Public forums; members-only forums need a let-in member (server/forums/viewer.ts, where a
  // waiting member is no viewer at all).
  "safety.read": "anyone",
  "forums.read": "public",
  "forums.members": "reader",
  "waiting.view": "waiting",
  "session.end": "signedIn",
  "settings.own": "reader",
  // The member's own evidence log (docs/evidence.md): nobody else's, whatever their role.
  "evidence.own": "reader",
  "notifications.read": "reader",
  "blocks.manage": "reader",
  "history.read": "reader",
  "appeal.create": "reader",
  "post.create": "participant",
  "post.editOwn": "participant",
  "report.create": "participant",
  // Chat (docs/chat.md): a room's own access (everyone, members past probation, moderators) is
  // checked by server/chat/access.ts on top of these; probation may be read-only (a setting).
  "chat.read": "reader",
  "chat.write": "participant",
  "chat.moderatorsRoom": "moderator",
  // Rooms belong to no forum: moderators of every forum and admins moderate them.
  "chat.moderate": "globalModerator",
  "mod.queue": "moderator",
  "mod.content": "moderator",
  "mod.warn": "moderator",
  "mod.audit": "moderator",
  "mod.appeal": "moderator",
  "mod.member": "globalModerator",
  "mod.suspend": "globalModerator",
  "mod.ban": "globalModerator",
  "mod.approval": "globalModerator",
  "admin.settings": "admin",
  "admin.roles": "admin",
  "admin.invites": "admin",
  "operator.cli": "operator",
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof POLICY;

/** Whether a suspension still holds at `now` (an ended one is no longer a suspension). */
export function isSuspended(actor: Pick<Actor, "status" | "suspendedUntil">, now = new Date()) {
  return actor.status === "suspended" && (actor.suspendedUntil === null || actor.suspendedUntil.getTime() > now.getTime());
}

function isLetIn(actor: Actor) {
  return actor.status !== "waiting" && actor.status !== "banned";
}

function moderates(actor: Actor, forumId: string | null | undefined) {
  if (actor.role === "admin") return true;
  if (actor.role !== "moderator" || !isLetIn(actor) || isSuspended(actor)) return false;
  if (actor.moderatedForums === null) return true;
  // Any of their forums (opening the queue); an item outside every forum (a member, an
  // approval) is for moderators of all forums.
  if (forumId === undefined) return true;
  return forumId !== null && actor.moderatedForums.includes(forumId);
}

/** The rule alone. `forumId`: the forum the action concerns (null: none; undefined: any of the
 *  actor's forums, e.g. opening the queue at all). */
export function allows(rule: Rule, actor: Actor | null, forumId?: string | null, now = new Date()): boolean {
  switch (rule) {
    case "anyone":
      return true;
    case "public":
      return actor === null || actor.status !== "waiting";
    case "signedIn":
      return actor !== null && actor.status !== "banned";
    case "waiting":
      return actor !== null && actor.status === "waiting";
    case "reader":
      return actor !== null && isLetIn(actor);
    case "participant":
      return actor !== null && isLetIn(actor) && !isSuspended(actor, now);
    case "moderator":
      return actor !== null && moderates(actor, forumId);
    case "globalModerator":
      return actor !== null && (actor.role === "admin" || (actor.moderatedForums === null && moderates(actor, null)));
    case "admin":
      return actor !== null && actor.role === "admin" && isLetIn(actor);
    case "operator":
      return false;
  }
}

export function can(actor: Actor | null, permission: Permission, forumId?: string | null) {
  return allows(POLICY[permission], actor, forumId);
}

/** Throws Forbidden unless the actor may; the route shows 403 (or 404 where existence is private). */
export function authorize(actor: Actor | null, permission: Permission, forumId?: string | null): asserts actor is Actor {
  if (!can(actor, permission, forumId)) throw new Forbidden();
}

/** The actor, once `authorize` lets them: for services that then need only their id. */
export function authorized(actor: Actor | null, permission: Permission, forumId?: string | null): Actor {
  authorize(actor, permission, forumId);
  return actor;
}

const RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2 };

/** Moderators act on members, not on their peers: a suspension, ban or warning needs a higher role. */
export function outranks(actor: Actor, target: { role: Role }) {
  return RANK[actor.role] > RANK[target.role];
}
