// Hearth's schema: members, sessions, forums, posts and what hangs on them here; chat in
// schema-chat.ts, moderation in schema-moderation.ts and the evidence log in schema-evidence.ts,
// re-exported below, so every table is
// imported from "#db/schema.ts". Migrations in db/migrations are generated from the four files
// by drizzle-kit (`npm run db:generate`) and never edited by hand (docs/style.md, practice 7).
import { sql } from "drizzle-orm";
import { moderationEvents } from "./schema-moderation.ts";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

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
    // The member's own choice (issue 12): their posts and their chat messages fade this many days
    // after they were written (30, 90 or 365; null: kept). The retention job deletes them.
    postsExpireDays: integer("posts_expire_days"),
    chatExpireDays: integer("chat_expire_days"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("members_pseudonym_key_unique").on(t.pseudonymKey),
    index("members_pseudonym_skeleton_idx").on(t.pseudonymSkeleton),
    check("members_posts_expire_days_check", sql`${t.postsExpireDays} is null or ${t.postsExpireDays} in (30, 90, 365)`),
    check("members_chat_expire_days_check", sql`${t.chatExpireDays} is null or ${t.chatExpireDays} in (30, 90, 365)`),
  ],
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
  (t) => [
    index("threads_forum_order_idx").on(t.forumId, t.pinned, t.lastActivityAt),
    index("threads_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops")),
    // Export and erasure find a member's threads; deleting a member checks this foreign key.
    index("threads_author_idx").on(t.authorId).where(sql`${t.authorId} is not null`),
  ],
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
  (t) => [
    index("notifications_member_idx").on(t.memberId, t.createdAt),
    uniqueIndex("notifications_once_unique").on(t.memberId, t.kind, t.postId),
    index("notifications_actor_idx").on(t.actorId).where(sql`${t.actorId} is not null`),
  ],
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
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index("blocks_blocked_idx").on(t.blockedId)],
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

export * from "./schema-chat.ts";
export * from "./schema-evidence.ts";
export * from "./schema-moderation.ts";
