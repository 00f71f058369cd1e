// Images written as text: SVG, XBM and XPM (C source), ASCII PNM, and HTML or markdown that is
// or embeds an image (docs/architecture.md, "Media guard"). Any one of these makes the whole text an
// image. The patterns are deliberately about markup, not words: prose such as "I saw an image
// of the img tag" stays text, while a literal `<img` tag does not.
import { CODE_SCAN_LIMIT, codeRegions, insideAny, maskCode } from "./code-regions.ts";
import { dataUriRole, dataUris, type JudgeBytes } from "./data-uri.ts";
import { imageAttribute, isImageInput, startTags } from "./html-tags.ts";
import type { Span } from "./markdown-images.ts";
import type { Finding } from "./verdict.ts";

/** A rule runs only when its gate (a literal the pattern cannot match without) occurs in the
 *  text: String.includes is a native search, far cheaper than a case-insensitive alternation
 *  over 5 MB, and most text has no `<` or `XPM` at all. */
type Rule = readonly [format: string, gate: string, pattern: RegExp];

// Letters of a scheme may be written as HTML character references inside attributes.
const COLON = "(?::|&colon;|&#0*58;?|&#x0*3a;?)";
const SLASH = "(?:/|&sol;|&#0*47;?|&#x0*2f;?)";

/** Images themselves, written as text: one anywhere, code included, makes the text an image. */
const IMAGES: readonly Rule[] = [
  ["svg", "<", /<svg[\s/>]|<!DOCTYPE\s+svg/i],
  ["svg", "2000", /xmlns(?::\w+)?\s*=\s*["']?http:\/\/www\.w3\.org\/2000\/svg/i],
  ["xpm", "XPM", /\/\*\s*XPM2?\s*\*\/|^!\s*XPM2\b/m],
  ["xpm", "static", /\bstatic\s+(?:const\s+)?char\s*\*\s*(?:const\s+)?\w+\s*\[\s*\]\s*=\s*\{\s*"\s*\d+\s+\d+\s+\d+\s+\d+/],
];

/** Syntax that shows or loads an image from elsewhere: an image in markup, text in code. */
const REFERENCES: readonly Rule[] = [
  // `[^<>]` (not `[^>]`) keeps these linear: a scan never runs past the next tag start.
  ["html-image", "<", /<(?:img|image|picture|source|mglyph|object|embed)[\s/>]|<video\b[^<>]*\bposter\s*=|<input\b[^<>]*\btype\s*=\s*["']?\s*image\b/i],
  // A page's icon (browsers fetch it on their own) and the picture a link preview shows.
  [
    "html-image",
    "<",
    /<link\b[^<>]*\brel\s*=\s*(?:"[^"<>]*|'[^'<>]*|[^\s"'<>]*)\b(?:icon|image_src)\b|<meta\b[^<>]*\b(?:property|name|itemprop)\s*=\s*["']?(?:og:image|twitter:image|image)\b/i,
  ],
  // CSS images: `url(` with a quoted or path-like argument ("x.png", "/a/b", "https://..."),
  // lower-case as CSS writes it, or in any case after a property colon. Prose ("the url(s)
  // you sent") and code (`new URL(path)`) stay text.
  ["css-image", "(", /(?<![\w$.])url\(\s*(?:["']|[^\s"')]*[./:#][^\s"')]*\))/],
  // Spelled-out case classes instead of the i flag: a pattern that starts with a literal
  // (":" here) is found by a fast native scan, which the i flag on a 5 MB text defeats.
  ["css-image", "(", /:\s*[Uu][Rr][Ll]\(\s*(?:["']|[^\s"')]*[./:#][^\s"')]*\))/],
  ["css-image", "(", /-[Ss][Ee][Tt]\((?<=[Ii][Mm][Aa][Gg][Ee]-[Ss][Ee][Tt]\()/],
  ["css-image", "(", /-[Ff][Aa][Dd][Ee]\((?<=[Cc][Rr][Oo][Ss][Ss]-[Ff][Aa][Dd][Ee]\()/],
  ["markdown-image", "![", /!\[(?:[^[\]]|\[[^[\]]*\])*\]\s?[([]/],
];

// Beyond the code-scan limit (such text is refused anyway), any data:image URI counts.
const ANY_DATA_IMAGE = new RegExp(String.raw`\bdata\s*${COLON}\s*image\s*${SLASH}`, "i");

export interface TextImageOptions {
  /** Read markdown code as text and judge data: URIs by their payload (`judge` decodes it):
   *  for text the member wrote, not for bytes decoded out of something else. */
  judge?: JudgeBytes;
}

const firstRule = (text: string, rules: readonly Rule[]): Finding => {
  for (const [format, gate, pattern] of rules) if (text.includes(gate) && pattern.test(text)) return format;
  return null;
};

export function textImage(text: string, opts: TextImageOptions = {}): Finding {
  const itself = firstRule(text, IMAGES) ?? xbm(text) ?? asciiPnm(text);
  if (itself) return itself;
  if (!opts.judge || text.length > CODE_SCAN_LIMIT) return (ANY_DATA_IMAGE.test(text) ? "data-uri" : null) ?? references(text);
  // Image syntax inside code is shown as code; a data: URI whose payload decodes to an image
  // is an image even there. Code regions cost a markdown parse: only when there is syntax.
  let regions: Span[] | null = null;
  const code = () => (regions ??= codeRegions(text));
  if (text.includes(":") || text.includes("&")) {
    let judged = 0;
    for (const m of dataUris(text)) {
      // Past the cap the rest are not judged: the text counts as an image.
      if (judged++ >= MAX_JUDGED) return "data-uri";
      const role = dataUriRole(text, m, opts.judge);
      if (role === "decoded" || (role === "used" && !insideAny(code(), m.index))) return "data-uri";
    }
  }
  return references(text) && references(maskCode(text, code()));
}

/** How many data: URIs of one text are judged by their payload. */
const MAX_JUDGED = 1000;

function references(text: string): Finding {
  return firstRule(text, REFERENCES) ?? markdownReferenceImage(text) ?? imageInAttributes(text);
}

/** Any tag whose attributes load an image: background=, srcset=, poster=, style with url(). */
function imageInAttributes(text: string): Finding {
  if (!text.includes("<")) return null;
  for (const tag of startTags(text)) if (imageAttribute(tag) || isImageInput(tag)) return "html-image";
  return null;
}

/** XBM: C source with `#define name_width N`, `..._height N` and a `name_bits[] = {` array. */
function xbm(text: string): Finding {
  return text.includes("#define") && /#define\s+\w*width\s+\d+/.test(text) && /#define\s+\w*height\s+\d+/.test(text) && /\w*bits\s*\[\s*\]\s*=\s*\{/.test(text)
    ? "xbm"
    : null;
}

/** ASCII PBM/PGM/PPM (P1–P3): the header, then the first pixels must really be numbers
 *  (only the first few: whatever follows the image, such as appended HTML, does not matter). */
function asciiPnm(text: string): Finding {
  const m = /^P([123])(?:\s+|#[^\n]*\n)+(\d+)\s+(\d+)\s/.exec(text.slice(0, 4096));
  if (!m) return null;
  const rest = text.slice(m[0].length, m[0].length + 4096).replace(/#[^\n]*/g, " ");
  if (m[1] === "1") {
    // P1 pixels may be written without separators ("0101").
    const wanted = Math.min(Number(m[2]) * Number(m[3]), 32);
    const pixels = /^[01\s]*/.exec(rest)?.[0].replace(/\s/g, "") ?? "";
    return wanted > 0 && pixels.length >= wanted ? "pbm" : null;
  }
  // maxval, then the first samples: up to four, fewer only if the image is that small.
  const wanted = 1 + Math.min(Number(m[2]) * Number(m[3]) * (m[1] === "3" ? 3 : 1), 4);
  const tokens = rest.trim().split(/\s+/, wanted);
  return tokens.length === wanted && tokens.every((t) => /^\d+$/.test(t)) ? (m[1] === "2" ? "pgm" : "ppm") : null;
}

/** `![alt]` or `![alt][]` resolving to a reference definition is an image too (CommonMark 6.4). */
function markdownReferenceImage(text: string): Finding {
  if (!text.includes("![") || !/!\[[^\]\n]+\]/.test(text)) return null;
  const labels = new Set<string>();
  for (const m of text.matchAll(/^ {0,3}\[([^\]\n]+)\]:\s*\S/gm)) labels.add(normalizeLabel(m[1] as string));
  if (labels.size === 0) return null;
  for (const m of text.matchAll(/!\[([^\]\n]+)\]/g)) if (labels.has(normalizeLabel(m[1] as string))) return "markdown-image";
  return null;
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}
