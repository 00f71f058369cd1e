// Member markdown → safe HTML, once, at write time (pages never sanitize on read): markdown-it
// with raw HTML and images off, then DOMPurify on jsdom with a strict allow-list (DESIGN.md,
// SECURITY.md). DOMPurify on jsdom retains memory inside one synchronous job: callers that render
// many posts in a row (the sweeper, re-rendering) must yield between items.
import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import MarkdownIt from "markdown-it";
import { scrubImages } from "./scrub-text.ts";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.disable(["image"]);

const window = new JSDOM("").window;
const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);

/** Stored with each rendered post; when it changes (rules or DOMPurify), stored posts re-render. */
export const SANITIZER_VERSION = `1:dompurify-${purify.version}`;

const ALLOWED_TAGS = ["p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"];
const ALLOWED_ATTR = ["href", "title", "start"];
// https:, http:, mailto:, a fragment, a path on this site, or a relative link with no scheme at
// all (never "//host", which is another origin).
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|#|\/(?!\/)|(?![a-z][a-z0-9+.-]*:|\/\/|\\))/i;

export function renderMarkdown(source: string): string {
  const html = md.render(scrubImages(source).text);
  const clean = purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    SANITIZE_NAMED_PROPS: true,
    RETURN_TRUSTED_TYPE: false,
  }) as string;
  return addLinkRel(clean);
}

/** Every link: nofollow noopener noreferrer ugc. Done on a parsed fragment, not with a hook. */
function addLinkRel(html: string): string {
  if (!html.includes("<a")) return html;
  const template = window.document.createElement("template");
  template.innerHTML = html;
  for (const a of template.content.querySelectorAll("a")) a.setAttribute("rel", "nofollow noopener noreferrer ugc");
  return template.innerHTML;
}
