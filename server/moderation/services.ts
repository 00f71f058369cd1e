// The moderation capability: reports, the moderators' queue, their actions, the audit log, member
// pages and notes. Every function takes the acting member (Visitor.member) and checks what they
// may do itself (server/authz/policy.ts); routes only reflect the answers.
import { readSetting } from "#server/settings/store.ts";
import type { Actor } from "#server/authz/policy.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { act } from "./act.ts";
import { auditPage } from "./audit-page.ts";
import { approve, changeStatus, reject, setContentWarning } from "./content-actions.ts";
import { dismiss } from "./dismiss.ts";
import { ban, resumePosting, suspend, unban, warn } from "./member-actions.ts";
import { addNote, memberPage } from "./member-page.ts";
import { moderationTarget } from "./moderation-target.ts";
import { queuePage, type QueueFilter } from "./queue-page.ts";
import { fileReport, reportable, type ReportRequest } from "./reports.ts";
import type { ContentTarget } from "./targets.ts";
import { moveThread, setThreadFlag, type ThreadFlag } from "./thread-actions.ts";

type Reason = string | null;

export function createModerationServices(deps: ServiceDeps) {
  const { db } = deps;
  return {
    reportable: (member: Actor, request: ReportRequest) => reportable(db, member, request),
    report: (member: Actor, request: ReportRequest, data: FormInput) => fileReport(db, member, request, data),
    queue: (actor: Actor, filter: QueueFilter) => queuePage(db, actor, filter),
    audit: (actor: Actor, filter: { action?: string | null; page: number }) => auditPage(db, actor, filter),
    member: (actor: Actor, memberId: string) => memberPage(db, actor, memberId),
    addNote: (actor: Actor, memberId: string, data: FormInput) => addNote(db, actor, memberId, data),
    target: (actor: Actor, target: ContentTarget) => moderationTarget(db, actor, target),
    /** The editable reasons moderators pick from. */
    reasonTemplates: () => readSetting(db, "moderation.reason_templates"),
    /** A moderation form's action (intent + target + reason). */
    act: (actor: Actor, data: FormInput) => act(deps, actor, data),
    approve: (actor: Actor, target: ContentTarget, reason?: Reason) => approve(deps, actor, target, reason),
    reject: (actor: Actor, postId: string, reason?: Reason) => reject(deps, actor, postId, reason),
    hide: (actor: Actor, target: ContentTarget, reason?: Reason) => changeStatus(deps, actor, "hide", target, reason),
    unhide: (actor: Actor, target: ContentTarget, reason?: Reason) => changeStatus(deps, actor, "unhide", target, reason),
    remove: (actor: Actor, target: ContentTarget, reason?: Reason) => changeStatus(deps, actor, "remove", target, reason),
    restore: (actor: Actor, target: ContentTarget, reason?: Reason) => changeStatus(deps, actor, "restore", target, reason),
    setContentWarning: (actor: Actor, target: ContentTarget, warning: string | null, reason?: Reason) =>
      setContentWarning(deps, actor, target, warning, reason),
    setThreadFlag: (actor: Actor, threadId: string, flag: ThreadFlag, reason?: Reason) => setThreadFlag(deps, actor, threadId, flag, reason),
    move: (actor: Actor, threadId: string, forumSlug: string, reason?: Reason) => moveThread(deps, actor, threadId, forumSlug, reason),
    dismiss: (actor: Actor, itemId: string, reason?: Reason) => dismiss(deps, actor, itemId, reason),
    warn: (actor: Actor, memberId: string, reason: Reason, about?: { postId: string }) => warn(deps, actor, memberId, reason, about),
    suspend: (actor: Actor, memberId: string, until: Date, reason?: Reason) => suspend(deps, actor, memberId, until, reason),
    ban: (actor: Actor, memberId: string, reason?: Reason) => ban(deps, actor, memberId, reason),
    unban: (actor: Actor, memberId: string, reason?: Reason) => unban(deps, actor, memberId, reason),
    resumePosting: (actor: Actor, memberId: string, reason?: Reason) => resumePosting(deps, actor, memberId, reason),
  };
}
