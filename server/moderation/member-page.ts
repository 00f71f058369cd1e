// /mod/members/:memberId, for moderators of every forum and admins: a member's recent posts,
// the reports about them, what was done (the audit log and what they were told), private notes,
// and the media guard's removal counts. Never an address: Hearth stores none.
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { MEMBER_NOTE_MAX } from "#app/contracts/reports.ts";
import { auditLog, mediaRemovals, memberNotes, members, moderationEvents, posts, reports, threads } from "#db/schema.ts";
import { authorize, type Actor } from "#server/authz/policy.ts";
import { NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { isUuid } from "#server/ids.ts";
import type { FormInput } from "#server/service-deps.ts";
import { audit, memberActor } from "./audit.ts";

const RECENT = 20;
const reporter = alias(members, "reporter");
const actorMember = alias(members, "actor_member");

export async function memberPage(db: Db, actor: Actor, memberId: string) {
  authorize(actor, "mod.member");
  if (!isUuid(memberId)) throw new NotFound();
  const [member] = await db
    .select({
      id: members.id,
      pseudonym: members.pseudonym,
      role: members.role,
      status: members.status,
      suspendedUntil: members.suspendedUntil,
      postingPausedAt: members.postingPausedAt,
      approvedPosts: members.approvedPosts,
      createdAt: members.createdAt,
      removals: sql<{ day: number; month: number; all: number }>`(
        select json_build_object(
          'day', count(*) filter (where ${mediaRemovals.createdAt} > now() - interval '24 hours'),
          'month', count(*) filter (where ${mediaRemovals.createdAt} > now() - interval '30 days'),
          'all', count(*))
        from ${mediaRemovals} where ${mediaRemovals.memberId} = ${members.id})`,
    })
    .from(members)
    .where(eq(members.id, memberId));
  if (!member) throw new NotFound();
  const theirPosts = db.select({ id: posts.id }).from(posts).where(eq(posts.authorId, memberId));
  const [recentPosts, reportsAbout, actions, events, notes] = await Promise.all([
    db
      .select({ id: posts.id, threadId: posts.threadId, title: threads.title, status: posts.status, createdAt: posts.createdAt })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(eq(posts.authorId, memberId))
      .orderBy(desc(posts.createdAt))
      .limit(RECENT),
    db
      .select({
        id: reports.id,
        targetKind: reports.targetKind,
        postId: reports.postId,
        threadId: reports.threadId,
        reason: reports.reason,
        note: reports.note,
        reporter: reporter.pseudonym,
        createdAt: reports.createdAt,
        resolvedAt: reports.resolvedAt,
      })
      .from(reports)
      .leftJoin(reporter, eq(reporter.id, reports.reporterId))
      .where(
        or(
          eq(reports.memberId, memberId),
          inArray(reports.postId, theirPosts),
          inArray(reports.threadId, db.select({ id: threads.id }).from(threads).where(eq(threads.authorId, memberId))),
        ),
      )
      .orderBy(desc(reports.createdAt))
      .limit(RECENT),
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorKind: auditLog.actorKind,
        actor: actorMember.pseudonym,
        reason: auditLog.reason,
      })
      .from(auditLog)
      .leftJoin(actorMember, eq(actorMember.id, auditLog.actorId))
      .where(
        or(
          and(eq(auditLog.targetKind, "member"), eq(auditLog.targetId, memberId)),
          and(eq(auditLog.targetKind, "post"), inArray(auditLog.targetId, theirPosts)),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(RECENT),
    db
      .select({
        id: moderationEvents.id,
        kind: moderationEvents.kind,
        reason: moderationEvents.reason,
        until: moderationEvents.until,
        createdAt: moderationEvents.createdAt,
      })
      .from(moderationEvents)
      .where(eq(moderationEvents.memberId, memberId))
      .orderBy(desc(moderationEvents.createdAt))
      .limit(RECENT),
    db
      .select({ id: memberNotes.id, body: memberNotes.body, author: actorMember.pseudonym, createdAt: memberNotes.createdAt })
      .from(memberNotes)
      .leftJoin(actorMember, eq(actorMember.id, memberNotes.authorId))
      .where(eq(memberNotes.memberId, memberId))
      .orderBy(desc(memberNotes.createdAt)),
  ]);
  return { member, recentPosts, reportsAbout, actions, events, notes };
}

const noteForm = z.object({
  note: z
    .string({ message: "mod.noteRequired" })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(z.string().min(1, "mod.noteRequired").max(MEMBER_NOTE_MAX, "mod.noteTooLong")),
});

/** A private note about a member. Audited, but the audit row never carries the note's text. */
export async function addNote(db: Db, actor: Actor, memberId: string, data: FormInput) {
  authorize(actor, "mod.member");
  if (!isUuid(memberId)) throw new NotFound();
  const form = parseForm(noteForm, data);
  await db.transaction(async (tx) => {
    const [member] = await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId));
    if (!member) throw new NotFound();
    const [note] = await tx.insert(memberNotes).values({ memberId, authorId: actor.id, body: form.note }).returning({ id: memberNotes.id });
    await audit(tx, memberActor(actor.id), { action: "member.note", targetKind: "member", targetId: memberId, detail: { note: note!.id } });
  });
}
