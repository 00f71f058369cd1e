// Hearth's schema. Migrations in db/migrations are generated from this file by drizzle-kit
// (`npm run db:generate`) and never edited by hand (STYLE.md, practice 7).
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const memberRole = pgEnum("member_role", ["member", "moderator", "admin"]);
export const memberStatus = pgEnum("member_status", ["active", "suspended"]);
export const locale = pgEnum("locale", ["en", "zh-Hans"]);

// Pseudonymous by design (DESIGN.md promise 2): no email, no phone, no IP, no real name.
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // As the member typed it, after NFKC normalisation.
    pseudonym: text("pseudonym").notNull(),
    // NFKC + lower case: uniqueness is case-insensitive so "Willow" cannot impersonate "willow".
    pseudonymKey: text("pseudonym_key").notNull(),
    passphraseHash: text("passphrase_hash").notNull(),
    role: memberRole("role").notNull().default("member"),
    status: memberStatus("status").notNull().default("active"),
    locale: locale("locale"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("members_pseudonym_key_unique").on(t.pseudonymKey)],
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

export const chatRooms = pgTable("chat_rooms", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  names: jsonb("names").$type<Record<string, string>>().notNull(),
  archived: boolean("archived").notNull().default(false),
  createdAt: createdAt(),
});

// Instance-wide settings and generated secrets (never a hard-coded fallback).
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});
