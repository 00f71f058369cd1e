// Where markdown shows text as code: fenced and indented code blocks, and code spans. Image
// syntax there (`![alt](url)`, `<img src>`) is shown as code, never as an image, so the media
// guard reads it as text; an image that really decodes (a data: URI with a PNG in it, SVG
// markup, a base64 run) is still an image wherever it is.
//
// The regions come from markdown-it's own parse with raw HTML on: that is the stricter reading
// (inside an HTML block or tag, backticks make no code, as in renderers that allow HTML), so
// text that any common renderer would show as markup is never taken for code.
import MarkdownIt from "markdown-it";
import type { Span } from "./markdown-images.ts";

const md = new MarkdownIt({ html: true, linkify: false });
// Only what decides where code spans are: escapes, backticks, and what can hold a backtick
// before a span could start (links, autolinks, inline HTML). Emphasis and the rest cannot.
md.inline.ruler.disable(["emphasis", "strikethrough", "newline", "entity"]);
md.inline.ruler2.disable(["balance_pairs", "strikethrough", "emphasis", "fragments_join"]);

/** Texts larger than this are never given the code exemption: no text over 256 KB is accepted
 *  anyway, and parsing megabytes of markdown is not worth it to refuse them for another reason. */
export const CODE_SCAN_LIMIT = 262_144;

/** A whole HTML document is read by browsers, where backticks and fences mean nothing. */
const HTML_DOCUMENT = /<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]/i;

type Token = ReturnType<typeof md.parse>[number];

/** Spans of `text` that markdown renders as code, in order, not overlapping. */
export function codeRegions(text: string): Span[] {
  if (text.length > CODE_SCAN_LIMIT || (!text.includes("`") && !text.includes("~~~") && !/^(?: {4}|\t)/m.test(text))) return [];
  if (HTML_DOCUMENT.test(text)) return [];
  // Lines as markdown-it counts them: it reads CR LF, a lone CR and LF each as one line break.
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n?|\n/g)) lineStarts.push(m.index + m[0].length);
  const lineStart = (line: number) => (line < lineStarts.length ? (lineStarts[line] as number) : text.length);
  const regions: Span[] = [];
  for (const token of md.parse(text, {})) {
    if (!token.map) continue;
    const [from, to] = token.map;
    if (token.type === "code_block" || (token.type === "fence" && closed(text.slice(lineStart(to - 1), lineStart(to)), token.markup, to - from))) {
      regions.push({ start: lineStart(from), end: lineStart(to) });
    } else if (token.type === "inline" && token.children?.some((c) => c.type === "code_inline")) {
      regions.push(...codeSpans(text, lineStart(from), lineStart(to), token.children));
    }
  }
  return regions.sort((a, b) => a.start - b.start);
}

/** A fence left open runs to the end of the text in markdown, but not in a browser or an
 *  editor that shows the file as it is: only a fence that is closed makes code. (Inside a
 *  quote or a list the closing line carries their markers; they are read past.) */
function closed(lastLine: string, markup: string, lines: number): boolean {
  const fence = /^[\s>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})[ \t]*$/.exec(lastLine.replace(/\r?\n$|\r$/, ""));
  return lines >= 2 && fence !== null && fence[1]![0] === markup[0] && fence[1]!.length >= markup.length;
}

/** CommonMark code spans in one inline block's source, kept only where markdown-it found a
 *  code span with the same content: a span this scanner sees but the parser does not (an
 *  HTML tag or an autolink holding a backtick, a span broken by a blockquote marker) is not
 *  code. */
function codeSpans(text: string, from: number, to: number, children: Token[]): Span[] {
  const expected = new Map<string, number>();
  for (const child of children) if (child.type === "code_inline") expected.set(child.content, (expected.get(child.content) ?? 0) + 1);
  // Every backtick run of the block once, with its length, outside backslash escapes; then
  // openers and closers are paired left to right with one forward pointer per run length, so
  // thousands of unmatched runs cost one pass, not one search each (as markdown-it does).
  const runs: Array<[at: number, length: number]> = [];
  for (let i = from; i < to; ) {
    const c = text[i];
    // An escaped character is never a backtick run (inside a code span a backslash is literal;
    // reading it as an escape there only loses that span, the strict side).
    if (c === "\\") i += 2;
    else if (c !== "`") i++;
    else {
      let n = 0;
      while (i + n < to && text[i + n] === "`") n++;
      runs.push([i, n]);
      i += n;
    }
  }
  const byLength = new Map<number, number[]>();
  for (const [k, [, n]] of runs.entries()) {
    const list = byLength.get(n);
    if (list) list.push(k);
    else byLength.set(n, [k]);
  }
  const pointer = new Map<number, number>();
  const spans: Span[] = [];
  for (let k = 0; k < runs.length; k++) {
    const [at, n] = runs[k]!;
    const same = byLength.get(n)!;
    let p = pointer.get(n) ?? 0;
    while (p < same.length && same[p]! <= k) p++;
    pointer.set(n, p);
    if (p === same.length) continue;
    const closer = same[p]!;
    const [closeAt] = runs[closer]!;
    const content = normalize(text.slice(at + n, closeAt));
    const left = expected.get(content) ?? 0;
    if (left > 0) {
      expected.set(content, left - 1);
      spans.push({ start: at, end: closeAt + n });
    }
    k = closer;
  }
  return spans;
}

/** A code span's content as CommonMark (and markdown-it) define it. */
function normalize(raw: string): string {
  const one = raw.replace(/\r\n|\r|\n/g, " ");
  return /^ .*[^ ].* $/s.test(one) ? one.slice(1, -1) : one;
}

/** The text with every code region blanked (spaces, line breaks kept), same length: rules for
 *  image syntax then run on it unchanged and their offsets still point into the original. */
export function maskCode(text: string, regions: readonly Span[]): string {
  if (regions.length === 0) return text;
  let out = "";
  let at = 0;
  for (const { start, end } of regions) {
    if (start < at) continue;
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\n]/g, " ");
    at = end;
  }
  return out + text.slice(at);
}

export function insideAny(regions: readonly Span[], index: number): boolean {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid] as Span;
    if (index < r.start) hi = mid - 1;
    else if (index >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
