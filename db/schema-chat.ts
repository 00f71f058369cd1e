// Chat (docs/chat.md): rooms, their messages and mutes. Part of Hearth's schema (db/schema.ts
// re-exports it); migrations are generated from both files by drizzle-kit.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { members } from "./schema.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// Who may enter a room: every member who has been let in (`everyone`, read-only on probation
// unless a setting allows writing), members past probation (`members`), or moderators and admins.
export const chatRoomAccess = pgEnum("chat_room_access", ["everyone", "members", "moderators"]);

export const chatRooms = pgTable(
  "chat_rooms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    names: jsonb("names").$type<Record<string, string>>().notNull(),
    descriptions: jsonb("descriptions").$type<Record<string, string>>().notNull().default({}),
    access: chatRoomAccess("access").notNull().default("everyone"),
    position: integer("position").notNull().default(0),
    archived: boolean("archived").notNull().default(false),
    // Moderators' controls: a locked room takes no messages from members; slow mode is the
    // shortest gap between two messages of one member, in seconds (0: off).
    locked: boolean("locked").notNull().default(false),
    slowModeSeconds: integer("slow_mode_seconds").notNull().default(0),
    // Messages older than this are deleted for real by the retention job.
    retentionDays: integer("retention_days").notNull().default(30),
    // The last message number given out: taken under this row's lock in the message's own
    // transaction, so numbers within a room follow commit order.
    lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
    createdAt: createdAt(),
  },
  // A retention of 0 days would delete every message as it arrives; an hour of slow mode is the most.
  (t) => [
    check("chat_rooms_retention_days_check", sql`${t.retentionDays} between 1 and 3650`),
    check("chat_rooms_slow_mode_check", sql`${t.slowModeSeconds} between 0 and 3600`),
  ],
);

export const chatMessageStatus = pgEnum("chat_message_status", ["visible", "removed"]);

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => chatRooms.id, { onDelete: "cascade" }),
    // The message's number in its room (chat_rooms.last_seq): its public id, zero-padded.
    seq: bigint("seq", { mode: "number" }).notNull(),
    authorId: uuid("author_id").references(() => members.id, { onDelete: "cascade" }),
    // Plain text after the media guard; shown escaped, with links made clickable.
    body: text("body").notNull(),
    // The sender's id for this message: a retried send stores one message.
    clientId: text("client_id").notNull(),
    status: chatMessageStatus("status").notNull().default("visible"),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("chat_messages_room_seq_unique").on(t.roomId, t.seq),
    uniqueIndex("chat_messages_author_client_unique").on(t.authorId, t.clientId),
    index("chat_messages_room_created_idx").on(t.roomId, t.createdAt),
    index("chat_messages_author_idx").on(t.authorId),
  ],
);

// A member muted in a room until a time: they read, and cannot write there.
export const chatMutes = pgTable(
  "chat_mutes",
  {
    roomId: uuid("room_id")
      .notNull()
      .references(() => chatRooms.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    until: timestamp("until", { withTimezone: true }).notNull(),
    mutedBy: uuid("muted_by").references(() => members.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.memberId] }),
    index("chat_mutes_until_idx").on(t.until),
    index("chat_mutes_member_idx").on(t.memberId),
    index("chat_mutes_muted_by_idx").on(t.mutedBy).where(sql`${t.mutedBy} is not null`),
  ],
);
