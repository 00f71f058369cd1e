// Each section's items as HTML for the export's readable page (export-html.ts): labelled fields
// in the member's language, every value escaped, text kept as text (pre-wrapped), addresses
// never made into links. A value that is empty is left out; ids stay in the JSON file.
import { isMessageKey, type MessageKey } from "#app/i18n/catalog.ts";
import type { ListSection } from "./export.ts";
import { article, fields, type Formats, folded, known, text, yesNo } from "./html-parts.ts";
import type { Item } from "./pages.ts";

export function profileHtml(p: Item, f: Formats): string {
  const preferences = (p.preferences ?? {}) as Record<string, unknown>;
  return fields(
    [
      ["privacy.export.field.pseudonym", p.pseudonym],
      ["privacy.export.field.role", known("admission.roles", p.role, f)],
      ["privacy.export.field.standing", known("privacy.export.standing", p.status, f)],
      ["privacy.export.field.language", known("lang", p.locale, f)],
      ["privacy.export.field.joined", f.time(p.createdAt)],
      ["privacy.export.field.suspendedUntil", f.time(p.suspendedUntil)],
      ["privacy.export.field.postingPaused", f.time(p.postingPausedAt)],
      ["privacy.export.field.approvedPosts", p.approvedPosts],
      ["privacy.export.field.openWarnings", yesNo(preferences.openContentWarnings, f)],
      ["privacy.export.field.exitSignsOut", yesNo(preferences.quickExitSignsOut, f)],
      ["privacy.expiry.posts", f.t(expiryLabel(preferences.postsExpireDays))],
      ["privacy.expiry.chat", f.t(expiryLabel(preferences.chatExpireDays))],
    ],
    f,
  );
}

/** The expiry choice as /settings/privacy names it. */
function expiryLabel(days: unknown): MessageKey {
  const key = `privacy.expiry.days${String(days)}`;
  return isMessageKey(key) ? key : "privacy.expiry.never";
}

const state = (value: unknown, f: Formats) => known("privacy.export.state", value, f);

function postHtml(p: Item, f: Formats): string {
  const files = (p.attachments ?? []) as Item[];
  return article(
    fields(
      [
        ["privacy.export.field.thread", p.threadTitle],
        ["privacy.export.field.written", f.time(p.createdAt)],
        ["privacy.export.field.edited", f.time(p.editedAt)],
        ["privacy.export.field.state", state(p.status, f)],
        ["privacy.export.field.contentWarning", p.contentWarning],
      ],
      f,
    ) +
      text(p.text) +
      folded(f.t("privacy.export.field.markdown"), p.markdown) +
      files.map((file) => folded(f.t("privacy.export.field.attachment", { name: String(file.name), size: Number(file.size) }), file.content)).join(""),
  );
}

/** One renderer per list section: an item as an article of labelled fields. */
export const ITEM_RENDERERS: Record<ListSection, (item: Item, f: Formats) => string> = {
  sessions: (s, f) =>
    article(
      fields(
        [
          ["privacy.export.field.began", f.time(s.createdAt)],
          ["privacy.export.field.ends", f.time(s.expiresAt)],
        ],
        f,
      ),
    ),
  recoveryCodes: (c, f) =>
    article(
      fields(
        [
          ["privacy.export.field.made", f.time(c.createdAt)],
          ["privacy.export.field.used", c.usedAt ? f.time(c.usedAt) : f.t("privacy.export.value.notUsed")],
        ],
        f,
      ),
    ),
  invitationsUsed: (i, f) => article(fields([["privacy.export.field.used", f.time(i.usedAt)]], f)),
  moderatedForums: (m, f) => article(fields([["privacy.export.field.forum", m.forum]], f)),
  threads: (t, f) =>
    article(
      fields(
        [
          ["privacy.export.field.title", t.title],
          ["privacy.export.field.forum", t.forum],
          ["privacy.export.field.written", f.time(t.createdAt)],
          ["privacy.export.field.state", state(t.status, f)],
          ["privacy.export.field.contentWarning", t.contentWarning],
          ["privacy.export.field.postCount", t.postCount],
          ["privacy.export.field.pinned", t.pinned ? yesNo(true, f) : null],
          ["privacy.export.field.locked", t.locked ? yesNo(true, f) : null],
          ["privacy.export.field.lastActivity", f.time(t.lastActivityAt)],
        ],
        f,
      ),
    ),
  posts: postHtml,
  threadReads: (r, f) =>
    article(
      fields(
        [
          ["privacy.export.field.thread", r.threadTitle],
          ["privacy.export.field.lastRead", f.time(r.lastReadAt)],
        ],
        f,
      ),
    ),
  chatMessages: (m, f) =>
    article(
      fields(
        [
          ["privacy.export.field.room", m.room],
          ["privacy.export.field.written", f.time(m.createdAt)],
          ["privacy.export.field.state", state(m.status, f)],
        ],
        f,
      ) + text(m.body),
    ),
  chatMutes: (m, f) =>
    article(
      fields(
        [
          ["privacy.export.field.room", m.room],
          ["privacy.export.field.since", f.time(m.createdAt)],
          ["privacy.export.field.until", f.time(m.until)],
        ],
        f,
      ),
    ),
  reports: (r, f) =>
    article(
      fields(
        [
          ["privacy.export.field.reported", known("privacy.export.target", r.targetKind, f)],
          ["privacy.export.field.reason", known("reports.reason", r.reason, f)],
          ["privacy.export.field.written", f.time(r.createdAt)],
          ["privacy.export.field.resolved", r.resolvedAt ? f.time(r.resolvedAt) : f.t("privacy.export.value.open")],
        ],
        f,
      ) + text(r.note),
    ),
  blocks: (b, f) =>
    article(
      fields(
        [
          ["privacy.export.field.pseudonym", b.pseudonym],
          ["privacy.export.field.since", f.time(b.createdAt)],
        ],
        f,
      ),
    ),
  notifications: (n, f) =>
    article(
      fields(
        [
          ["privacy.export.field.kind", known("privacy.export.notice", n.kind, f)],
          ["privacy.export.field.from", n.from],
          ["privacy.export.field.written", f.time(n.createdAt)],
          ["privacy.export.field.read", n.readAt ? f.time(n.readAt) : f.t("privacy.export.value.unread")],
        ],
        f,
      ),
    ),
  moderationHistory: (e, f) =>
    article(
      fields(
        [
          ["privacy.export.field.what", known("history.kind", e.kind, f, { until: f.time(e.until) })],
          ["privacy.export.field.written", f.time(e.createdAt)],
          ["privacy.export.field.thread", e.context],
          ["privacy.export.field.reason", e.reason],
        ],
        f,
      ),
    ),
  appeals: (a, f) =>
    article(
      fields(
        [
          ["privacy.export.field.written", f.time(a.createdAt)],
          ["privacy.export.field.outcome", known("privacy.export.outcome", a.outcome ?? "waiting", f)],
          ["privacy.export.field.decided", f.time(a.decidedAt)],
          ["privacy.export.field.response", a.response],
        ],
        f,
      ) + text(a.note),
    ),
  mediaRemovals: (m, f) =>
    article(
      fields(
        [
          ["privacy.export.field.written", f.time(m.createdAt)],
          ["privacy.export.field.where", known("privacy.export.channel", m.channel, f)],
          ["privacy.export.field.format", m.format],
          ["privacy.export.field.size", m.size],
        ],
        f,
      ),
    ),
  moderatorActions: (a, f) =>
    article(
      fields(
        [
          ["privacy.export.field.written", f.time(a.at)],
          ["privacy.export.field.action", known("audit.action", a.action, f)],
          ["privacy.export.field.target", known("privacy.export.target", a.targetKind, f)],
          ["privacy.export.field.reason", a.reason],
          ["privacy.export.field.detail", a.detail ? JSON.stringify(a.detail) : null],
        ],
        f,
      ),
    ),
  invitationsCreated: (i, f) =>
    article(
      fields(
        [
          ["privacy.export.field.label", i.label],
          ["privacy.export.field.made", f.time(i.createdAt)],
          ["privacy.export.field.used", f.time(i.usedAt)],
          ["privacy.export.field.revoked", f.time(i.revokedAt)],
        ],
        f,
      ),
    ),
};
