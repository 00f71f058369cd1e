// The export as a readable HTML page, written as its events arrive. Self-contained and inert,
// wherever it is opened (a browser, a file manager's preview, an email): its own CSP allows
// nothing but its inline style; no script, no image, no link, no form, no address that loads
// anything (addresses are text); every value is escaped. In the member's language.
import { translate, type Locale, type MessageKey } from "#app/i18n/catalog.ts";
import type { ExportEvent, ListSection } from "./export.ts";
import { evidenceHtml } from "./html-evidence.ts";
import { ITEM_RENDERERS, profileHtml } from "./html-items.ts";
import { esc, type Formats, formatsFor } from "./html-parts.ts";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fdfbf7;color:#222}
main{max-width:48rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-top:2px solid #c9bfae;padding-top:1rem;margin-top:2rem}
article{border:1px solid #ddd3c3;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0;background:#fff}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
.text,pre{white-space:pre-wrap;overflow-wrap:anywhere}pre{background:#f4f0e8;padding:.5rem;font-size:.9rem}
.note{background:#f4f0e8;padding:.5rem 1rem;border-left:4px solid #8a7a5c}
@media print{details{display:block}details>summary{display:none}}`;

export const SECTION_TITLES: Record<ListSection | "profile" | "evidenceLog", MessageKey> = {
  profile: "privacy.export.section.profile",
  sessions: "privacy.export.section.sessions",
  recoveryCodes: "privacy.export.section.recoveryCodes",
  invitationsUsed: "privacy.export.section.invitationsUsed",
  moderatedForums: "privacy.export.section.moderatedForums",
  threads: "privacy.export.section.threads",
  posts: "privacy.export.section.posts",
  threadReads: "privacy.export.section.threadReads",
  chatMessages: "privacy.export.section.chatMessages",
  chatMutes: "privacy.export.section.chatMutes",
  reports: "privacy.export.section.reports",
  blocks: "privacy.export.section.blocks",
  notifications: "privacy.export.section.notifications",
  moderationHistory: "privacy.export.section.moderationHistory",
  appeals: "privacy.export.section.appeals",
  mediaRemovals: "privacy.export.section.mediaRemovals",
  moderatorActions: "privacy.export.section.moderatorActions",
  invitationsCreated: "privacy.export.section.invitationsCreated",
  evidenceLog: "privacy.export.section.evidenceLog",
};

function head(f: Formats, locale: Locale, exportedAt: string, discreet: boolean) {
  return `<!doctype html>
<html lang="${esc(locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(f.t(discreet ? "privacy.discreet.title" : "privacy.export.file.title"))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(f.t("privacy.export.file.title"))}</h1>
<p>${esc(f.t("privacy.export.file.made", { date: f.time(exportedAt) }))}</p>
<p class="note">${esc(f.t("privacy.export.file.keepSafe"))}</p>
`;
}

export async function* htmlChunks(events: AsyncIterable<ExportEvent>, locale: Locale, discreet = false): AsyncGenerator<string> {
  const f = formatsFor(locale);
  for await (const event of events) {
    switch (event.type) {
      case "start":
        yield head(f, locale, event.exportedAt, discreet);
        if (event.audience === "operator") yield `<p class="note">${esc(f.t("privacy.export.file.byOperator"))}</p>\n`;
        yield `<section>\n<h2>${esc(f.t(SECTION_TITLES.profile))}</h2>\n${profileHtml(event.profile, f)}</section>\n`;
        break;
      case "list":
        yield `<section>\n<h2>${esc(f.t(SECTION_TITLES[event.name]))}</h2>\n`;
        break;
      case "items": {
        const render = ITEM_RENDERERS[event.name];
        yield event.items.map((item) => render(item, f)).join("");
        break;
      }
      case "listEnd":
        yield `${event.count === 0 ? `<p>${esc(f.t("privacy.export.file.nothing"))}</p>\n` : ""}</section>\n`;
        break;
      case "evidence":
        yield `<section>\n<h2>${esc(f.t(SECTION_TITLES.evidenceLog))}</h2>\n${evidenceHtml(event.section, f)}</section>\n`;
        break;
      case "withheld":
        yield `<section>\n<h2>${esc(f.t("privacy.export.section.notIncluded"))}</h2>\n<ul>\n${event.notices.map((key) => `<li>${esc(translate(locale, key))}</li>\n`).join("")}</ul>\n</section>\n<p>${esc(f.t("privacy.export.file.end"))}</p>\n</main>\n</body>\n</html>\n`;
        break;
    }
  }
}
