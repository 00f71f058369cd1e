// What in the database belongs to a member: one entry per table of db/schema*.ts, saying how its
// rows relate to a member (by which column, and in what role), whether and where the member's
// export (issue 12) shows them, and what erasing the member is to do with them. Declarative on
// purpose: the export's completeness test and, later, erasure and its scan are generated from it,
// and tests/integration/privacy-map.test.ts fails when a table, or a column that can hold a
// member's id, is missing here. Names are SQL names (tables and columns as in the migrations).
// The operator's export (npm run admin -- export-member) has the same sections as the member's
// own, for the member who asked by another channel, except the evidence log, which it never holds
// (decision 018): what is withheld here is withheld from both.
import type { MessageKey } from "#app/i18n/catalog.ts";

/** The export's sections, in the order the files have them (server/privacy/export.ts). */
export const SECTIONS = [
  "profile",
  "sessions",
  "recoveryCodes",
  "invitationsUsed",
  "moderatedForums",
  "threads",
  "posts",
  "threadReads",
  "chatMessages",
  "chatMutes",
  "reports",
  "blocks",
  "notifications",
  "moderationHistory",
  "appeals",
  "mediaRemovals",
  "moderatorActions",
  "invitationsCreated",
  "evidenceLog",
] as const;
export type SectionName = (typeof SECTIONS)[number];
/** A section's items, or items nested in each of them (`posts.attachments`). */
export type SectionPath = SectionName | "posts.attachments" | "evidenceLog.entries";

/** `self`: the member's own row. `owner`: the row is the member's (they wrote it, it is theirs).
 *  `subject`: the row is about the member, kept by or for someone else (a report about them, a
 *  moderator's note). `actor`: the member acted, as a moderator, an admin or an inviter. */
export type Role = "self" | "owner" | "subject" | "actor";

/** What erasure (built later) does with the member's rows through this column: `delete` the
 *  row; `detach` it (the column becomes null, the row stays for others); `anonymise` (the column
 *  points to a stable anonymous id: the audit log keeps the action); `placeholder` (the row stays
 *  as "removed by its author", with none of the member's text). */
export type Erasure = "delete" | "detach" | "anonymise" | "placeholder";

export type Exported =
  /** Rows appear in `section`, each found there by these columns (item fields of the same name
   *  in camelCase: `blocked_id` → `blockedId`). */
  | { section: SectionPath; key: readonly string[] }
  /** Held but not in the export: why (for the code's readers), and what the export tells the
   *  member about it (its "not included" list), if anything. */
  | { withheld: string; told?: MessageKey };

export interface MemberColumn {
  role: Role;
  /** Only rows where these columns have these values (a column shared by several kinds of row). */
  when?: Readonly<Record<string, string>>;
  export: Exported;
  erase: Erasure;
}

/** Rows that belong to a member through another table's row: `column` names a row of `parent`
 *  whose `parentColumn` is the member. */
export interface Through extends MemberColumn {
  column: string;
  parent: string;
  parentColumn: string;
}

export interface TableEntry {
  /** What the table holds, in a few words. */
  holds: string;
  /** Columns whose value can be a member's id (members.id), by role. */
  members?: Readonly<Record<string, MemberColumn>>;
  through?: readonly Through[];
  /** Columns that look like a reference to a member (a uuid without a foreign key) but are not. */
  notMembers?: Readonly<Record<string, string>>;
  /** Free text that moderators, admins and Hearth itself write (reasons, notes, responses) and
   *  that can name any member: erasing a member replaces their pseudonym there (erase.ts), text
   *  columns whole, jsonb columns only at the keys named (the rest of a detail is Hearth's own
   *  values: ids, reasons, rooms). Members' own writing (posts, chat) is not listed: mentions of
   *  them in others' posts stay as the others wrote them. */
  mentions?: Readonly<Record<string, "text" | { jsonbKeys: readonly string[] }>>;
}

const SHOWN_AS_HISTORY = "the member is told what moderators did in moderation_events (their history), not through the moderators' own records";

export const MEMBER_DATA = {
  members: {
    holds: "the account: pseudonym, passphrase hash, role, standing, language and preferences",
    // The passphrase hash and the pseudonym's lookup keys stay out of the profile (export.ts).
    members: { id: { role: "self", export: { section: "profile", key: ["id"] }, erase: "delete" } },
  },
  recovery_codes: {
    holds: "SHA-256 of each recovery code, and when it was used",
    members: { member_id: { role: "owner", export: { section: "recoveryCodes", key: ["id"] }, erase: "delete" } },
  },
  sessions: {
    holds: "signed-in sessions: SHA-256 of each token and its expiry",
    members: { member_id: { role: "owner", export: { section: "sessions", key: ["id"] }, erase: "delete" } },
  },
  forums: { holds: "the forums: slugs, names and descriptions written by admins" },
  settings: { holds: "instance settings (no setting names a member)" },
  threads: {
    holds: "threads: forum, title, content warning, state",
    members: { author_id: { role: "owner", export: { section: "threads", key: ["id"] }, erase: "placeholder" } },
  },
  posts: {
    holds: "posts: markdown as written, the HTML rendered from it, state",
    members: { author_id: { role: "owner", export: { section: "posts", key: ["id"] }, erase: "placeholder" } },
  },
  attachments: {
    holds: "text files attached to posts",
    through: [
      { column: "post_id", parent: "posts", parentColumn: "author_id", role: "owner", export: { section: "posts.attachments", key: ["id"] }, erase: "delete" },
    ],
  },
  media_removals: {
    holds: "images the media guard removed: channel, format, size, SHA-256 (never the bytes)",
    members: { member_id: { role: "owner", export: { section: "mediaRemovals", key: ["id"] }, erase: "delete" } },
  },
  notifications: {
    holds: "mentions and moderation notices for a member",
    members: {
      member_id: { role: "owner", export: { section: "notifications", key: ["id"] }, erase: "delete" },
      // The mentioned member's notice of the member's post; the post itself is in `posts`.
      actor_id: { role: "actor", export: { withheld: "another member's notification; the post that mentioned them is exported" }, erase: "delete" },
    },
  },
  blocks: {
    holds: "whom a member blocks",
    members: {
      blocker_id: { role: "owner", export: { section: "blocks", key: ["blocked_id"] }, erase: "delete" },
      blocked_id: {
        role: "subject",
        export: { withheld: "who blocks a member is the blocker's to know, for their safety", told: "privacy.export.withheld.blockedBy" },
        erase: "delete",
      },
    },
  },
  thread_reads: {
    holds: "where a member last read each thread (unread markers)",
    members: { member_id: { role: "owner", export: { section: "threadReads", key: ["thread_id"] }, erase: "delete" } },
  },
  chat_rooms: { holds: "chat rooms: names, access, lock, slow mode, retention" },
  chat_messages: {
    holds: "chat messages: plain text after the media guard",
    members: { author_id: { role: "owner", export: { section: "chatMessages", key: ["id"] }, erase: "delete" } },
    notMembers: { client_id: "the id the sending screen gave one message, so that a retried send stores it once" },
  },
  chat_mutes: {
    holds: "mutes of a member in a room, until a time",
    members: {
      // The muted member sees the mute when they write; it is part of their moderation history.
      member_id: { role: "subject", export: { section: "chatMutes", key: ["room_id"] }, erase: "delete" },
      muted_by: { role: "actor", export: { withheld: "the moderator's act is exported from audit_log (chat.mute)" }, erase: "detach" },
    },
  },
  evidence_keys: {
    holds: "the evidence log's data key, wrapped once per secret that opens it (ciphertext)",
    members: {
      member_id: {
        role: "owner",
        export: { withheld: "ciphertext that only the member's own secrets open; nothing in it is readable", told: "privacy.export.withheld.keys" },
        erase: "delete",
      },
    },
  },
  evidence_entries: {
    holds: "the member's sealed evidence log (AES-256-GCM, decision 018)",
    // Decrypted with the member's own session only; never in an operator's export.
    members: { member_id: { role: "owner", export: { section: "evidenceLog.entries", key: ["id"] }, erase: "delete" } },
  },
  reports: {
    holds: "reports of posts, threads, members and chat messages, with the reporter",
    members: {
      reporter_id: { role: "owner", export: { section: "reports", key: ["id"] }, erase: "detach" },
      member_id: {
        role: "subject",
        export: { withheld: `who reported a member stays with the moderators; ${SHOWN_AS_HISTORY}`, told: "privacy.export.withheld.reportsAbout" },
        erase: "delete",
      },
    },
    // The reporter's note, kept for the moderators after the reporter's erasure too.
    mentions: { note: "text" },
  },
  moderator_forums: {
    holds: "the forums a moderator moderates",
    members: { member_id: { role: "owner", export: { section: "moderatedForums", key: ["forum_id"] }, erase: "delete" } },
  },
  moderation_events: {
    holds: "what a member is told moderators did: removals, warnings, suspensions, bans and their end",
    members: { member_id: { role: "owner", export: { section: "moderationHistory", key: ["id"] }, erase: "delete" } },
    // Others' histories: the moderator's reason, and the thread's title (placeholder.ts).
    mentions: { reason: "text", context: "text" },
  },
  appeals: {
    holds: "a member's appeal of an event, and the moderators' decision",
    members: {
      member_id: { role: "owner", export: { section: "appeals", key: ["id"] }, erase: "delete" },
      decided_by: { role: "actor", export: { withheld: "the appellant's appeal; the decision is exported from audit_log (appeal.decide)" }, erase: "detach" },
    },
    mentions: { response: "text" },
  },
  queue_items: {
    holds: "the moderators' queue: what waits, about whom, who resolved it",
    members: {
      member_id: {
        role: "subject",
        export: { withheld: `the moderators' work list; ${SHOWN_AS_HISTORY}`, told: "privacy.export.withheld.moderatorsRecords" },
        erase: "delete",
      },
      // "member:<uuid>" and "appeal:<uuid>" keys; the member's id is also in member_id there.
      target_key: { role: "subject", export: { withheld: "the same items as member_id" }, erase: "delete" },
      resolved_by: { role: "actor", export: { withheld: "the moderator's act is exported from audit_log" }, erase: "detach" },
    },
  },
  audit_log: {
    holds: "every moderator, admin and operator action (append-only; no foreign keys)",
    members: {
      actor_id: { role: "actor", when: { actor_kind: "member" }, export: { section: "moderatorActions", key: ["id"] }, erase: "anonymise" },
      target_id: {
        role: "subject",
        when: { target_kind: "member" },
        export: { withheld: `the moderators' own record, naming them; ${SHOWN_AS_HISTORY}`, told: "privacy.export.withheld.moderatorsRecords" },
        erase: "anonymise",
      },
    },
    notMembers: { forum_id: "a forum's id (no foreign key: the row outlives the forum)" },
    // A content warning a moderator wrote (content-actions.ts); every other detail is Hearth's.
    mentions: { reason: "text", detail: { jsonbKeys: ["warning"] } },
  },
  member_notes: {
    holds: "moderators' private notes about a member",
    members: {
      // Decided for issue 12: not in the member's export (nor the operator's, which is handed to
      // the member). The schema promises moderators they are never shown to the member; they can
      // name reporters and other members, and volunteers write them candidly to keep people
      // safe. The member is told that such notes are kept and left out.
      member_id: {
        role: "subject",
        export: { withheld: "never shown to the member (db/schema-moderation.ts); can name others", told: "privacy.export.withheld.notes" },
        erase: "delete",
      },
      author_id: { role: "actor", export: { withheld: "notes about other members; writing one is exported from audit_log (member.note)" }, erase: "detach" },
    },
    mentions: { body: "text" },
  },
  invites: {
    holds: "invitation codes (SHA-256 only), who made and who used each",
    members: {
      used_by: { role: "owner", export: { section: "invitationsUsed", key: ["id"] }, erase: "detach" },
      created_by: { role: "actor", export: { section: "invitationsCreated", key: ["id"] }, erase: "detach" },
    },
    // An admin's reminder of whom an invitation is for.
    mentions: { label: "text" },
  },
} as const satisfies Record<string, TableEntry>;

export type MappedTable = keyof typeof MEMBER_DATA;

/** Every (table, column) relation, flattened: what the tests and erasure walk. */
export function memberRelations(): Array<{ table: string; column: string; relation: MemberColumn | Through }> {
  return Object.entries(MEMBER_DATA as Record<string, TableEntry>).flatMap(([table, entry]) => [
    ...Object.entries(entry.members ?? {}).map(([column, relation]) => ({ table, column, relation })),
    ...(entry.through ?? []).map((relation) => ({ table, column: relation.column, relation })),
  ]);
}

/** What the export tells the member it leaves out, once each. */
export function withheldNotices(): MessageKey[] {
  const told = memberRelations().flatMap(({ relation }) => ("withheld" in relation.export && relation.export.told ? [relation.export.told] : []));
  return [...new Set(told)];
}
