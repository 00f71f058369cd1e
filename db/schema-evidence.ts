// The sealed evidence log (docs/evidence.md, decision 018). Part of Hearth's schema (db/schema.ts
// re-exports it). Nothing here is readable without one of the member's own secrets: an entry is
// AES-256-GCM ciphertext under the member's data key, and the data key is stored only wrapped,
// once per secret that may open it (the passphrase, each recovery code, each signed-in session).
// What stays in clear: who owns a row, when it was written, and which secret a wrap belongs to.
import { sql } from "drizzle-orm";
import { check, customType, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { members, recoveryCodes, sessions } from "./schema.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Raw bytes (PostgreSQL bytea), read and written as Buffers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const evidenceKeyKind = pgEnum("evidence_key_kind", ["passphrase", "recovery", "session"]);

// One wrap of a member's data key: AES-256-GCM under a key derived from one secret (argon2id for
// the passphrase, HKDF-SHA-256 for a recovery code or a session token, each with its own salt).
// A session's wrap goes with the session, a code's with the code (ON DELETE CASCADE).
export const evidenceKeys = pgTable(
  "evidence_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: evidenceKeyKind("kind").notNull(),
    sessionId: text("session_id").references(() => sessions.id, { onDelete: "cascade" }),
    recoveryCodeId: uuid("recovery_code_id").references(() => recoveryCodes.id, { onDelete: "cascade" }),
    salt: bytea("salt").notNull(),
    nonce: bytea("nonce").notNull(),
    wrapped: bytea("wrapped").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("evidence_keys_member_idx").on(t.memberId),
    uniqueIndex("evidence_keys_passphrase_unique").on(t.memberId).where(sql`${t.kind} = 'passphrase'`),
    uniqueIndex("evidence_keys_session_unique").on(t.sessionId),
    uniqueIndex("evidence_keys_recovery_unique").on(t.recoveryCodeId),
    check(
      "evidence_keys_secret_check",
      sql`(${t.kind} = 'passphrase' and ${t.sessionId} is null and ${t.recoveryCodeId} is null)
        or (${t.kind} = 'session' and ${t.sessionId} is not null and ${t.recoveryCodeId} is null)
        or (${t.kind} = 'recovery' and ${t.recoveryCodeId} is not null and ${t.sessionId} is null)`,
    ),
  ],
);

// One entry of the log: every field the member wrote, as one sealed JSON document. The row's id
// and owner are bound into the seal (additional data), so a sealed entry moved to another row or
// another member fails to open instead of showing.
export const evidenceEntries = pgTable(
  "evidence_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    nonce: bytea("nonce").notNull(),
    sealed: bytea("sealed").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_entries_member_idx").on(t.memberId)],
);
