// Hearth's schema. Migrations in db/migrations are generated from this file by drizzle-kit
// (`npm run db:generate`) and never edited by hand (docs/style.md, practice 7).
import { sql } from "drizzle-orm";
import { chatMessages } from "./schema-chat.ts";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const memberRole = pgEnum("member_role", ["member", "moderator", "admin"]);
// `waiting`: joined while registration needs approval, not yet let in. `suspended`: can read until
// `suspended_until`, cannot post, report or chat. `banned`: no session at all.
export const memberStatus = pgEnum("member_status", ["active", "suspended", "waiting", "banned"]);
export const locale = pgEnum("locale", ["en", "zh-Hans"]);

// Pseudonymous by design (docs/architecture.md, promise 2): no email, no phone, no IP, no real name.
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // As the member typed it, after NFKC normalisation.
    pseudonym: text("pseudonym").notNull(),
    // NFKC + lower case: uniqueness is case-insensitive so "Willow" cannot impersonate "willow".
    pseudonymKey: text("pseudonym_key").notNull(),
    // The UTS #39 confusable skeleton (server/auth/confusables.ts): a new name whose skeleton is
    // taken is refused, so "аlice" (Cyrillic а) or "lris" cannot pass as "alice" or "Iris". Not
    // unique: members who joined before it existed may already share one, and keep their names.
    // Null until computed; the join service fills in missing ones (decision 013).
    pseudonymSkeleton: text("pseudonym_skeleton"),
    passphraseHash: text("passphrase_hash").notNull(),
    role: memberRole("role").notNull().default("member"),
    status: memberStatus("status").notNull().default("active"),
    locale: locale("locale"),
    // Preferences: content warnings open by default; quick exit also signs out.
    openContentWarnings: boolean("open_content_warnings").notNull().default(false),
    quickExitSignsOut: boolean("quick_exit_signs_out").notNull().default(false),
    // Moderation (docs/moderation.md): when a suspension ends; when posting was paused after
    // repeated image attempts (until a moderator decides); posts approved while on probation.
    suspendedUntil: timestamp("suspended_until", { withTimezone: true }),
    postingPausedAt: timestamp("posting_paused_at", { withTimezone: true }),
    approvedPosts: integer("approved_posts").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("members_pseudonym_key_unique").on(t.pseudonymKey), index("members_pseudonym_skeleton_idx").on(t.pseudonymSkeleton)],
);

// Single-use recovery codes: only a SHA-256 of each 80-bit random code is kept.
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("recovery_codes_member_hash_unique").on(t.memberId, t.codeHash)],
);

// Lucia's session design: the row id is the SHA-256 of the cookie token, so a database leak
// yields no usable session (docs/decisions/002-sessions.md).
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_member_idx").on(t.memberId)],
);

export const forumVisibility = pgEnum("forum_visibility", ["members", "public"]);

export const forums = pgTable("forums", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  // Names and descriptions per locale: {"en": "...", "zh-Hans": "..."}.
  names: jsonb("names").$type<Record<string, string>>().notNull(),
  descriptions: jsonb("descriptions").$type<Record<string, string>>().notNull().default({}),
  visibility: forumVisibility("visibility").notNull().default("members"),
  position: integer("position").notNull().default(0),
  createdAt: createdAt(),
});

// Instance-wide settings and generated secrets (never a hard-coded fallback).
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
});

// `pending`: the thread's first post waits for a moderator (probation or a hold), so the thread
// is shown to its author only. `hidden`: taken out of view by a moderator without a notice.
export const threadStatus = pgEnum("thread_status", ["visible", "removed", "pending", "hidden"]);
export const postStatus = pgEnum("post_status", ["visible", "pending", "removed", "deleted", "hidden"]);

export const threads = pgTable(
  "threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    forumId: uuid("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => members.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    contentWarning: text("content_warning"),
    pinned: boolean("pinned").notNull().default(false),
    locked: boolean("locked").notNull().default(false),
    status: threadStatus("status").notNull().default("visible"),
    // Kept with each post so lists need one query, not one per thread.
    postCount: integer("post_count").notNull().default(0),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("threads_forum_order_idx").on(t.forumId, t.pinned, t.lastActivityAt), index("threads_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops"))],
);

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => members.id, { onDelete: "set null" }),
    // Markdown as written (after the media guard) and the HTML rendered once at write time, with
    // the sanitizer version that produced it (re-rendered when that version changes).
    bodySource: text("body_source").notNull(),
    bodyHtml: text("body_html").notNull(),
    sanitizerVersion: text("sanitizer_version").notNull(),
    contentWarning: text("content_warning"),
    status: postStatus("status").notNull().default("visible"),
    // A double submission of one form stores one post (docs/security.md: idempotency from UNIQUE).
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [
    index("posts_thread_order_idx").on(t.threadId, t.createdAt),
    uniqueIndex("posts_author_idempotency_unique").on(t.authorId, t.idempotencyKey),
    index("posts_body_trgm_idx").using("gin", t.bodySource.op("gin_trgm_ops")),
  ],
);

// Text files attached to posts: only what the media guard judged `text` is ever stored.
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    content: text("content").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_post_idx").on(t.postId)],
);

export const removalChannel = pgEnum("removal_channel", ["post", "chat", "upload", "profile", "sweep"]);

// One row per image the media guard removed: where, what, how big, a digest — never the bytes.
export const mediaRemovals = pgTable(
  "media_removals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    channel: removalChannel("channel").notNull(),
    format: text("format").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("media_removals_member_idx").on(t.memberId, t.createdAt), index("media_removals_created_idx").on(t.createdAt)],
);

// `moderation`: a removal, warning, suspension or an appeal's outcome, told privately.
export const notificationKind = pgEnum("notification_kind", ["mention", "moderation"]);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => members.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").references(() => moderationEvents.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  // Mentions: one per member and post. Moderation notices leave post_id null (their event names
  // the post), and NULLs never collide in a unique index.
  (t) => [index("notifications_member_idx").on(t.memberId, t.createdAt), uniqueIndex("notifications_once_unique").on(t.memberId, t.kind, t.postId)],
);

export const blocks = pgTable(
  "blocks",
  {
    blockerId: uuid("blocker_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    blockedId: uuid("blocked_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })],
);

// Where each member last read each thread, for unread markers.
export const threadReads = pgTable(
  "thread_reads",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.threadId] })],
);

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
  (t) => [index("moderation_events_member_idx").on(t.memberId, t.createdAt)],
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
  (t) => [index("appeals_member_idx").on(t.memberId)],
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
  (t) => [index("member_notes_member_idx").on(t.memberId, t.createdAt)],
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
  (t) => [index("invites_created_idx").on(t.createdAt)],
);

export * from "./schema-chat.ts";
