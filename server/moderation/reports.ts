// Members reporting a post, a thread or another member to the moderators. One open report per
// reporter and target (the partial unique index reports_open_once_unique): a repeat changes the
// reason and note but does not count twice. Every report opens, or joins, the target's queue
// item in the same transaction (docs/moderation.md, "The queue").
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { members, posts, reports } from "#db/schema.ts";
import { REPORT_NOTE_MAX } from "#app/contracts/limits.ts";
import { REPORT_REASONS, type ReportReason, type ReportTargetKind } from "#app/contracts/reports.ts";
import { pseudonymKey } from "#server/auth/pseudonym.ts";
import type { Actor } from "#server/authz/policy.ts";
import { requireParticipant } from "#server/authz/guard.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { findThread } from "#server/forums/thread-page.ts";
import { isUuid } from "#server/ids.ts";
import type { FormInput } from "#server/service-deps.ts";
import { reportPriority } from "./priority.ts";
import { openQueueItem, type QueueTarget } from "./queue.ts";

/** A report's reason and optional note, for every target (chat messages too: server/chat/report.ts). */
export const reportForm = z.object({
  reason: z.enum(REPORT_REASONS, { message: "report.reasonRequired" }),
  note: z
    .string()
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").trim())
    .pipe(z.string().max(REPORT_NOTE_MAX, "report.noteTooLong"))
    .transform((v) => v || null),
});

export type ReportRequest = { post: string } | { thread: string } | { member: string };

/** What the report is about, as the form and the queue need it. */
export interface Reportable {
  kind: ReportTargetKind;
  target: QueueTarget;
  forumId: string | null;
  /** The author, or the member reported. */
  memberId: string | null;
  threadId: string | null;
  /** A thread's title or a member's pseudonym, for the form's heading. */
  label: string;
}

/** The target, if the member may see it; a member's own post, thread or self is refused. */
export async function reportable(db: Db, member: Actor, request: ReportRequest): Promise<Reportable> {
  const found = await findTarget(db, member, request);
  if (found.memberId === member.id) throw new Invalid({}, "reports.notYourself");
  return found;
}

async function findTarget(db: Db, member: Actor, request: ReportRequest): Promise<Reportable> {
  if ("post" in request) {
    if (!isUuid(request.post)) throw new NotFound();
    const [post] = await db
      .select({ id: posts.id, threadId: posts.threadId, authorId: posts.authorId })
      .from(posts)
      .where(and(eq(posts.id, request.post), eq(posts.status, "visible")));
    const thread = post ? await findThread(db, member, post.threadId) : null;
    if (!post || !thread) throw new NotFound();
    return {
      kind: "post",
      target: { post: post.id, thread: post.threadId },
      forumId: thread.thread.forumId,
      memberId: post.authorId,
      threadId: post.threadId,
      label: thread.thread.title,
    };
  }
  if ("thread" in request) {
    const thread = await findThread(db, member, request.thread);
    if (!thread) throw new NotFound();
    const t = thread.thread;
    return { kind: "thread", target: { thread: t.id }, forumId: t.forumId, memberId: t.authorId, threadId: t.id, label: t.title };
  }
  const [row] = await db
    .select({ id: members.id, pseudonym: members.pseudonym })
    .from(members)
    .where(and(eq(members.pseudonymKey, pseudonymKey(request.member)), sql`${members.status} in ('active', 'suspended')`));
  if (!row) throw new NotFound();
  return { kind: "member", target: { member: row.id }, forumId: null, memberId: row.id, threadId: null, label: row.pseudonym };
}

/** Files (or updates) the member's report; returns the target and whether it was a new report. */
export async function fileReport(db: Db, member: Actor, request: ReportRequest, data: FormInput) {
  requireParticipant(member, "report.create");
  const found = await reportable(db, member, request);
  const form = parseForm(reportForm, data);
  const inserted = await db.transaction(async (tx) => {
    const t = found.target;
    const postId = "post" in t ? t.post : null;
    const threadId = found.kind === "thread" ? found.threadId : null;
    const memberId = found.kind === "member" ? found.memberId : null;
    // The conflict target names the partial unique index by its expression and predicate.
    const { rows } = await tx.execute<{ inserted: boolean }>(sql`
      insert into ${reports} (target_kind, post_id, thread_id, member_id, reporter_id, reason, note)
      values (${found.kind}, ${postId}, ${threadId}, ${memberId}, ${member.id}, ${form.reason}, ${form.note})
      on conflict (reporter_id, target_kind, coalesce(post_id, thread_id, member_id, message_id)) where resolved_at is null
      do update set reason = excluded.reason, note = excluded.note
      returning (xmax = 0) as inserted`);
    const isNew = rows[0]?.inserted === true;
    await openQueueItem(tx, {
      kind: "report",
      target: t,
      forumId: found.forumId,
      memberId: found.memberId,
      priority: reportPriority(form.reason),
      detail: { reasons: [form.reason satisfies ReportReason] },
      addsReport: isNew,
    });
    return isNew;
  });
  return { ...found, inserted };
}
