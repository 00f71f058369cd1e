// Member markdown → safe HTML, once, at write time; pages never sanitize on read (issue 3).
// markdown-it with raw HTML and the image rule off, then DOMPurify on jsdom with an explicit
// allow-list of tags, attributes and link schemes (docs/security.md: DOMPurify's defaults keep
// images, forms and clobbering ids). No hooks: rel is added to links after sanitizing.
//
// Memory: DOMPurify on jsdom retained every sanitized document until the end of the current
// synchronous job (docs/architecture.md, pitfalls); jsdom-iterators.ts removes the cause (a WeakRef per
// NodeIterator), so renders in a row stay flat. Callers that render many in a row (the sweeper,
// re-rendering after a SANITIZER_VERSION change) still yield between posts, so other requests
// are served in between (tests/bench/media.ts measures both).
import { createRequire } from "node:module";
import createDOMPurify, { type Config } from "dompurify";
import MarkdownIt from "markdown-it";
import markdownItPackage from "markdown-it/package.json" with { type: "json" };
import { dataUriRole, dataUris, hasDataUri, replaceDataUris } from "./data-uri.ts";
import { examine } from "./find-image.ts";
import { trackNodeIteratorsStrongly } from "./jsdom-iterators.ts";
import { ALLOWED_URI_REGEXP, isAllowedUrl } from "./safe-url.ts";
import { scrubImages } from "./scrub-text.ts";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.disable("image");
// markdown-it's own check only refuses javascript:/vbscript:/file:/some data:; use ours.
md.validateLink = isAllowedUrl;
// Pages own h1 and h2 (site and thread title); a post's headings start at h3.
md.core.ruler.push("hearth_heading_levels", (state) => {
  for (const token of state.tokens) {
    if (token.type === "heading_open" || token.type === "heading_close") token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
  }
});

// One window and one DOMPurify instance for the process: creating a JSDOM per call costs
// milliseconds and memory.
// Made on the first render, not at import: the admin CLI's member commands compose the same
// services and should not wait ~0.7 s for jsdom to load.
let sanitizer: { window: import("jsdom").DOMWindow; purify: ReturnType<typeof createDOMPurify> } | undefined;
function dom() {
  if (sanitizer) return sanitizer;
  trackNodeIteratorsStrongly();
  const { JSDOM } = createRequire(import.meta.url)("jsdom") as typeof import("jsdom");
  const { window } = new JSDOM("<!doctype html><html><body></body></html>");
  sanitizer = { window, purify: createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]) };
  return sanitizer;
}

/** Stored with each rendered post; when it changes, stored posts are rendered again. Bump the
 *  leading number whenever the rules in this folder change. */
export const SANITIZER_VERSION = `2:markdown-it-${markdownItPackage.version}:dompurify-${createDOMPurify.version}`;

// RETURN_DOM hands back the body of DOMPurify's own parsed document: links get rel and text
// is checked in place, then serialized once. (A fragment would have to be moved into another
// node to serialize it, and moving ~2,500 nodes costs more than the sanitizing; a string would
// have to be parsed again.) SAFE_FOR_XML stays at its default (on) although its per-element
// markup probes are about a third of the sanitizing time: defence in depth over speed.
const CONFIG: Config & { RETURN_DOM: true } = {
  ALLOWED_TAGS: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  ALLOWED_ATTR: ["href", "title", "start"],
  ALLOWED_URI_REGEXP,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  RETURN_DOM: true,
};

const LINK_REL = "nofollow noopener noreferrer ugc";
const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4; // NodeFilter.SHOW_ELEMENT | SHOW_TEXT
const ELEMENT_NODE = 1;

export function renderMarkdown(source: string): string {
  const html = md.render(scrubImages(source).text);
  const body = dom().purify.sanitize(html, CONFIG);
  finish(body);
  return body.innerHTML;
}

/**
 * One walk over the sanitized nodes: every link gets rel, and no data: URI reaches the page in
 * a title or as text (markdown can rebuild one that the source scrub could not see, through a
 * backslash escape or an entity), except what the scrub keeps too: a `data:image/` prefix
 * written as words, and in code any data: URI that decodes to no image. A TreeWalker, not
 * querySelectorAll: on jsdom 29 the latter keeps every sanitized document alive (measured:
 * ~5 MB per 20 KB post, never freed).
 */
function finish(body: Element): void {
  const walker = dom().window.document.createTreeWalker(body, SHOW_ELEMENT_AND_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      if (element.localName === "a") element.setAttribute("rel", LINK_REL);
      const title = element.getAttribute("title");
      if (title !== null && hasDataUri(title)) element.setAttribute("title", replaceDataUris(title, " "));
    } else {
      const text = node.nodeValue ?? "";
      if (hasDataUri(text)) node.nodeValue = withoutDataUris(text, node.parentElement?.closest("code") != null);
    }
  }
}

const judge = (bytes: Buffer) => examine(bytes, 1).image;

function withoutDataUris(text: string, inCode: boolean): string {
  let out = "";
  let at = 0;
  for (const m of dataUris(text)) {
    const role = dataUriRole(text, m, judge);
    if (role === "mention" || (inCode && role !== "decoded")) continue;
    out += `${text.slice(at, m.index)} `;
    at = m.index + m[0].length;
  }
  return out + text.slice(at);
}
