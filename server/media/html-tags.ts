// A small, linear scanner for start tags, following the HTML tokenizer's rules for tag names,
// attribute names and quoted or unquoted values (WHATWG HTML, 13.2.5). Regexes over tags either
// miss quoted `>` and `<` or backtrack badly on hostile input; this reads each character once.
export interface TagAttribute {
  name: string;
  value: string;
}

export interface StartTag {
  /** Index of the `<`. */
  start: number;
  /** Index just past the `>` (or the end of the text when the tag is never closed). */
  end: number;
  /** Lower-cased tag name. */
  name: string;
  attributes: TagAttribute[];
}

// Character codes, compared directly: a regex test per character is ~10x slower on 5 MB.
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;

export function* startTags(text: string): Generator<StartTag> {
  let from = 0;
  for (;;) {
    const start = text.indexOf("<", from);
    if (start === -1) return;
    const tag = readTag(text, start);
    if (!tag) {
      from = start + 1;
      continue;
    }
    yield tag;
    from = tag.end;
  }
}

function readTag(text: string, start: number): StartTag | null {
  if (!isLetter(text.charCodeAt(start + 1))) return null;
  const n = text.length;
  let i = start + 1;
  while (i < n && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== SLASH && text.charCodeAt(i) !== GT) i++;
  const name = text.slice(start + 1, i).toLowerCase();
  const attributes: TagAttribute[] = [];
  while (i < n && text.charCodeAt(i) !== GT) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === SLASH) {
      i++;
      continue;
    }
    // An attribute name runs to whitespace, "/", ">" or "=" (a leading "=" belongs to the name).
    const nameStart = i++;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isSpace(d) || d === SLASH || d === GT || d === EQUALS) break;
      i++;
    }
    const attrName = text.slice(nameStart, i).toLowerCase();
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    let value = "";
    if (text.charCodeAt(i) === EQUALS) {
      i++;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      const quote = text.charAt(i);
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, i + 1);
        const stop = close === -1 ? n : close;
        value = text.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const valueStart = i;
        while (i < n && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== GT) i++;
        value = text.slice(valueStart, i);
      }
    }
    attributes.push({ name: attrName, value });
  }
  return { start, end: Math.min(i + 1, n), name, attributes };
}

/** Attributes whose value loads an image into whatever element carries them. */
export const IMAGE_ATTRIBUTES = new Set(["background", "srcset", "lowsrc", "dynsrc", "poster", "imagesrcset"]);

// The named references that matter for hiding a scheme or a CSS function; any other name is
// left as written, which can only make a value look less like an image, not hide one.
const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", sol: "/", lpar: "(", rpar: ")",
  bsol: "\\", semi: ";", comma: ",", period: ".", tab: "\t", newline: "\n", nbsp: "\u00a0",
};

/** Decodes HTML character references the way a browser does inside an attribute value. */
export function decodeEntities(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec || hex) {
      const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex as string, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[(name as string).toLowerCase()] ?? whole;
  });
}

/** CSS that loads an image: url(), image-set(), image(), cross-fade(), element(), paint(),
 *  after undoing CSS escapes (`\75 rl(`) and comments that could hide the function name. */
export function cssLoadsImage(css: string): boolean {
  const plain = css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, "")
    .replace(/\\([0-9a-f]{1,6})[\t\n\f\r ]?/gi, (_, hex: string) => String.fromCodePoint(Math.min(Number.parseInt(hex, 16) || 0xfffd, 0x10ffff)))
    .replace(/\\(.)/g, "$1");
  return /(?:url|image-set|image|cross-fade|element|paint)\s*\(/i.test(plain);
}

/** Does this tag, wherever it sits, show or load an image through one of its attributes? */
export function tagLoadsImage(tag: StartTag): string | null {
  for (const attribute of tag.attributes) {
    const value = decodeEntities(attribute.value);
    if (IMAGE_ATTRIBUTES.has(attribute.name)) return attribute.name === "poster" ? "video" : "background";
    if (attribute.name === "style" && cssLoadsImage(value)) return "css-url";
    if (tag.name === "input" && attribute.name === "type" && value.trim().toLowerCase() === "image") return "input-image";
  }
  return null;
}
