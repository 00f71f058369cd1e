// Moderation (docs/moderation.md): reports, moderators' forums, what members are told, appeals,
// the queue, the append-only audit log, moderators' notes and invitations. Part of Hearth's
// schema (db/schema.ts re-exports it); migrations are generated from every schema file.
import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { chatMessages } from "./schema-chat.ts";
import { forums, members, posts, threads } from "./schema.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// Why a member reports something (app/contracts/reports.ts). `image` is shown as "sexual content
// or images".
export const reportReason = pgEnum("report_reason", ["image", "identifying", "harassment", "self-harm", "other", "spam"]);
export const reportTarget = pgEnum("report_target", ["post", "thread", "member", "message"]);

// A member's report of a post, a thread or a member, for the moderators' queue. One open report
// per reporter and target (a partial unique index); the target's queue item groups them. The
// reporter is kept for moderators only, and becomes null if the reporter's account is erased.
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    targetKind: reportTarget("target_kind").notNull().default("post"),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    // A chat message (db/schema-chat.ts): gone with the message when the room's retention ends.
    messageId: uuid("message_id").references((): AnyPgColumn => chatMessages.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id").references(() => members.id, { onDelete: "set null" }),
    reason: reportReason("reason").notNull(),
    note: text("note"),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("reports_open_once_unique")
      .on(t.reporterId, t.targetKind, sql`coalesce(${t.postId}, ${t.threadId}, ${t.memberId}, ${t.messageId})`)
      .where(sql`${t.resolvedAt} is null`),
    index("reports_open_idx").on(t.resolvedAt, t.createdAt),
    index("reports_post_idx").on(t.postId),
    index("reports_thread_idx").on(t.threadId),
    index("reports_member_idx").on(t.memberId),
    index("reports_message_idx").on(t.messageId),
  ],
);

// Forums a moderator moderates. A moderator with no row moderates every forum.
export const moderatorForums = pgTable(
  "moderator_forums",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    forumId: uuid("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.forumId] })],
);

// What a member is told happened to them: their moderation history in settings, and what an
// appeal is about. `hold_rejected`: a held or probation post a moderator did not let through.
export const moderationEventKind = pgEnum("moderation_event_kind", ["removal", "warning", "suspension", "ban", "hold_rejected", "unban", "restored"]);

export const moderationEvents = pgTable(
  "moderation_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: moderationEventKind("kind").notNull(),
    reason: text("reason"),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "set null" }),
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "set null" }),
    // The thread's title at the time, so the notice still reads when the post is gone.
    context: text("context"),
    until: timestamp("until", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("moderation_events_member_idx").on(t.memberId, t.createdAt),
    // Retention looks for appeals on a rejected post's or thread's events; a thread that loses its
    // title loses it in these events' context too (server/privacy/placeholder.ts).
    index("moderation_events_post_idx").on(t.postId).where(sql`${t.postId} is not null`),
    index("moderation_events_thread_idx").on(t.threadId).where(sql`${t.threadId} is not null`),
  ],
);

export const appealOutcome = pgEnum("appeal_outcome", ["upheld", "overturned"]);

// One appeal per event (a removal or a suspension), with the member's note and the decision.
export const appeals = pgTable(
  "appeals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .unique()
      .references(() => moderationEvents.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    note: text("note").notNull(),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => members.id, { onDelete: "set null" }),
    outcome: appealOutcome("outcome"),
    response: text("response"),
  },
  (t) => [index("appeals_member_idx").on(t.memberId), index("appeals_decided_by_idx").on(t.decidedBy).where(sql`${t.decidedBy} is not null`)],
);

// What waits for a moderator. `report`: open reports on one target, grouped (report_count);
// `pending`: a post on probation; `hold`: a post held automatically (detail says why); `flag`: a
// visible post with a watched word set to flag;
// `repeat_image`: a member whose image attempts reached the threshold; `appeal`; `approval`: a
// member waiting to be let in. One open item per kind and target; `priority` orders the queue
// (0 first: self-harm risk, then identifying information; server/moderation/priority.ts).
export const queueKind = pgEnum("queue_kind", ["report", "pending", "hold", "flag", "repeat_image", "appeal", "approval"]);

export const queueItems = pgTable(
  "queue_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: queueKind("kind").notNull(),
    // Null for items that belong to no forum (a member, an approval): global moderators see them.
    forumId: uuid("forum_id").references(() => forums.id, { onDelete: "cascade" }),
    // "post:<uuid>", "thread:<uuid>", "member:<uuid>", "appeal:<uuid>", "message:<uuid>": one open item per kind and target.
    targetKey: text("target_key").notNull(),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "cascade" }),
    // The member concerned: the author, the reported member, the appellant.
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    appealId: uuid("appeal_id").references(() => appeals.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references((): AnyPgColumn => chatMessages.id, { onDelete: "cascade" }),
    priority: integer("priority").notNull(),
    reportCount: integer("report_count").notNull().default(0),
    // Report categories, hold reasons, removal counts: {reasons: [...]}. Never the matched text.
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => members.id, { onDelete: "set null" }),
    resolution: text("resolution"),
  },
  (t) => [
    uniqueIndex("queue_items_open_unique").on(t.kind, t.targetKey).where(sql`${t.resolvedAt} is null`),
    index("queue_items_open_order_idx").on(t.priority, t.openedAt, t.id).where(sql`${t.resolvedAt} is null`),
    index("queue_items_open_forum_idx").on(t.forumId, t.priority, t.openedAt, t.id).where(sql`${t.resolvedAt} is null`),
    index("queue_items_target_idx").on(t.targetKey),
    index("queue_items_member_idx").on(t.memberId),
    index("queue_items_resolved_by_idx").on(t.resolvedBy).where(sql`${t.resolvedBy} is not null`),
    // Deleting a chat message (retention, erasure) finds its items through this, not a scan.
    index("queue_items_message_idx").on(t.messageId).where(sql`${t.messageId} is not null`),
  ],
);

// Every moderator, admin and operator action and every settings change. Append-only in the
// database itself: a trigger (migration 0006) refuses UPDATE and DELETE unless the retention job
// or an erasure says so for its own transaction. No foreign keys: a row outlives what it names.
export const auditActor = pgEnum("audit_actor", ["member", "operator", "system"]);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorKind: auditActor("actor_kind").notNull(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: uuid("target_id"),
    forumId: uuid("forum_id"),
    reason: text("reason"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at, t.id),
    index("audit_log_forum_at_idx").on(t.forumId, t.at, t.id),
    index("audit_log_target_idx").on(t.targetId),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);

// Private notes moderators keep about a member. Never shown to the member.
export const memberNotes = pgTable(
  "member_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => members.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("member_notes_member_idx").on(t.memberId, t.createdAt), index("member_notes_author_idx").on(t.authorId).where(sql`${t.authorId} is not null`)],
);

// Single-use invitation codes (registration mode `invite`): only a SHA-256 of the code is kept;
// the code is shown once, when it is made.
export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    codeHash: text("code_hash").notNull().unique(),
    // An admin's own reminder of whom it is for (optional, shown to admins only).
    label: text("label"),
    createdBy: uuid("created_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedBy: uuid("used_by").references(() => members.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("invites_created_idx").on(t.createdAt),
    index("invites_created_by_idx").on(t.createdBy).where(sql`${t.createdBy} is not null`),
    index("invites_used_by_idx").on(t.usedBy).where(sql`${t.usedBy} is not null`),
  ],
);
