// Text channels (post bodies, chat messages, titles, profile fields): markdown images, HTML
// image constructs and data: URIs are removed before storage and again at render, and the
// caller is told what went so the member can be told (docs/architecture.md, "Media guard"; issue 3).
//
// Image syntax that markdown shows as code (code spans, fenced and indented code blocks) is
// text: `<img src=x onerror=...>` quoted in a post stays, shown as code, never as an image.
// What decodes to an image goes wherever it is written, code included: a data: URI whose
// payload is an image, a base64 or hex run that decodes to one (code-regions.ts,
// encoded-images.ts). A `data:image/...` prefix with nothing decodable after it, written as
// words, is text. Words that merely mention images ("img", "imgur", `const img = ...`,
// "< img") are not constructs.
import { codeRegions, insideAny, maskCode } from "./code-regions.ts";
import { dataUriRole, dataUris, replaceDataUris } from "./data-uri.ts";
import { encodedImageSpans } from "./encoded-images.ts";
import { examine, strongImageAtStart } from "./find-image.ts";
import { imageAttribute, isImageInput, readTagAt, startTags, type StartTag } from "./html-tags.ts";
import { markdownImages, type Span } from "./markdown-images.ts";

export interface Removal {
  kind: string;
  /** The removed text, in memory only: for the SHA-256 and size of a `media_removals` row.
   *  Never store, log or echo it — it may be the image itself (a data: URI). */
  fragment: string;
}

export interface Scrubbed {
  text: string;
  removed: Removal[];
}

/** Elements removed with everything up to their end tag: the content is the image. */
const WITH_CONTENT = new Set(["svg", "picture", "video", "audio", "object", "iframe", "frameset", "applet"]);
/** Elements that are an image or load one by themselves. */
const SINGLE = new Set(["img", "image", "source", "embed", "mglyph", "frame", "track"]);

interface Cut {
  start: number;
  end: number;
  kind: string;
}

/** A removal can complete a construct around it ("<img<svg></svg> src=x>" becomes
 *  "<img  src=x>"), so passes repeat until nothing changes. Removals are replaced by a space:
 *  two halves are never glued together directly ("<im<img>g" becomes "<im g"), and every pass
 *  shortens the text, so the loop ends. */
const MAX_PASSES = 16;

export function scrubImages(text: string): Scrubbed {
  const removed: Removal[] = [];
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const cuts = findCuts(current);
    if (cuts.length === 0) return { text: current, removed };
    removed.push(...cuts.map(({ start, end, kind }) => ({ kind, fragment: current.slice(start, end) })));
    current = applyCuts(current, cuts);
  }
  // Still changing after many passes: hostile nesting. Neutralise every tag opener, image
  // opener and data: scheme rather than loop on; the member is told something was removed.
  const neutral = replaceDataUris(current.replace(/</g, "\u2039").replace(/!\[/g, "! ["), " ");
  removed.push({ kind: "nested", fragment: current });
  return { text: neutral, removed };
}

/** What decoded bytes are, for data: payloads and base64/hex runs (the upload detectors). */
const judge = (bytes: Buffer) => examine(bytes, 1).image;

/** How many data:image URIs of one text are judged by their payload; past that the rest are
 *  removed unjudged, so that thousands of tiny URIs cost no more than a few hundred. */
const MAX_JUDGED = 1000;

function findCuts(text: string): Cut[] {
  // Code regions cost a markdown parse: only when there is image syntax to place.
  let regions: Span[] | null = null;
  const code = () => (regions ??= codeRegions(text));
  let cuts = syntaxCuts(text);
  // Image syntax inside code is text: looked for again with code blanked out (same length,
  // so offsets hold).
  if (cuts.length > 0 && code().length > 0) cuts = syntaxCuts(maskCode(text, code()));
  let judged = 0;
  for (const m of dataUris(text)) {
    const role = judged++ < MAX_JUDGED ? dataUriRole(text, m, judge) : "decoded";
    if (role === "mention" || (role !== "decoded" && insideAny(code(), m.index))) continue;
    cuts.push({ start: m.index, end: m.index + m[0].length, kind: "data-uri" });
  }
  for (const span of encodedImageSpans(text, strongImageAtStart, judge)) cuts.push({ start: span.start, end: span.end, kind: span.format });
  return outermost(cuts);
}

function syntaxCuts(text: string): Cut[] {
  const cuts: Cut[] = markdownImages(text).map((span) => ({ ...span, kind: "markdown-image" }));
  if (text.includes("<")) cuts.push(...htmlCuts(text));
  return cuts;
}

/** Names of elements that are or hold an image, found wherever they start, even where a browser
 *  would read them as part of another tag ("<im<img>", an attribute value): text channels are
 *  not HTML, so the construct goes whatever surrounds it. */
const IMAGE_TAG = new RegExp(`<(?:${[...WITH_CONTENT, ...SINGLE].join("|")})(?=[\\s/>]|$)`, "gi");

function htmlCuts(text: string): Cut[] {
  const cuts: Cut[] = [];
  const memo = new Map<string, { from: number; at: RegExpExecArray | null }>();
  // Everything inside a cut goes with it, so scanning resumes after it: each character is
  // read once even when hostile input opens thousands of tags that never close.
  let skipUntil = 0;
  for (const m of text.matchAll(IMAGE_TAG)) {
    if (m.index < skipUntil) continue;
    const tag = readTagAt(text, m.index);
    const cut = tag && tagCut(text, tag, memo);
    if (cut) {
      cuts.push(cut);
      skipUntil = cut.end;
    }
  }
  // Then real start tags: <input type=image>, <style> with url(), image-loading attributes.
  for (const tag of startTags(text)) {
    if (WITH_CONTENT.has(tag.name) || SINGLE.has(tag.name)) continue;
    const cut = tagCut(text, tag, memo);
    if (cut) cuts.push(cut);
  }
  return cuts;
}

function tagCut(text: string, tag: StartTag, memo: Parameters<typeof endTagEnd>[2]): Cut | null {
  if (WITH_CONTENT.has(tag.name)) return { start: tag.start, end: endTagEnd(text, tag, memo) ?? tag.end, kind: tag.name };
  if (tag.name === "style") {
    // CSS can load images (url(), image-set()); a style element that does not is left alone.
    const end = endTagEnd(text, tag, memo);
    return end !== null && /(?:url|image-set|image|cross-fade|element|paint)\s*\(|\\/i.test(text.slice(tag.end, end))
      ? { start: tag.start, end, kind: "css-url" }
      : null;
  }
  if (SINGLE.has(tag.name)) return { start: tag.start, end: tag.end, kind: tag.name === "source" ? "picture" : tag.name };
  if (isImageInput(tag)) return { start: tag.start, end: tag.end, kind: "input-image" };
  // Any other element keeps its tag and loses only the attribute that loads an image.
  const found = imageAttribute(tag);
  return found ? { start: found.attribute.start, end: found.attribute.end, kind: found.kind } : null;
}

/** Index just past the end tag matching `tag`, or null when there is none. Searches are
 *  remembered per tag name: an end tag found at C answers every search starting before C, and
 *  none found from X means none from anywhere after X, so 40,000 unclosed <svg> cost one scan. */
function endTagEnd(text: string, tag: StartTag, memo: Map<string, { from: number; at: RegExpExecArray | null }>): number | null {
  const known = memo.get(tag.name);
  let m: RegExpExecArray | null;
  if (known && tag.end >= known.from && (known.at === null || known.at.index >= tag.end)) m = known.at;
  else {
    const close = new RegExp(`</${tag.name.replace(/[^\w-]/g, "")}(?=[\\s/>])[^>]*>?`, "gi");
    close.lastIndex = tag.end;
    m = close.exec(text);
    memo.set(tag.name, { from: tag.end, at: m });
  }
  return m ? m.index + m[0].length : null;
}

/** Drops cuts inside other cuts (a data: URI inside an <img>), keeping the outer one. */
function outermost(cuts: Cut[]): Cut[] {
  cuts.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Cut[] = [];
  for (const cut of cuts) {
    const last = kept[kept.length - 1];
    if (last && cut.start < last.end) {
      last.end = Math.max(last.end, cut.end);
      continue;
    }
    kept.push({ ...cut });
  }
  return kept;
}

function applyCuts(text: string, cuts: Cut[]): string {
  let out = "";
  let at = 0;
  for (const cut of cuts) {
    out += `${text.slice(at, cut.start)} `;
    at = cut.end;
  }
  return out + text.slice(at);
}
