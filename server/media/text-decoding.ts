// Is it text? Valid UTF-8 (a fatal decoder, so no replacement characters hide bad bytes) with
// no NUL and no C0 control characters other than tab, line feed, form feed and carriage return.
export type Decoded =
  | { kind: "text"; text: string }
  | { kind: "binary" }
  | { kind: "invalid-utf8" };

const utf8 = new TextDecoder("utf-8", { fatal: true });

// 1 = a byte that plain text never contains: C0 controls except \t \n \f \r, and DEL.
const CONTROL = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) CONTROL[c] = 1;
for (const allowed of [0x09, 0x0a, 0x0c, 0x0d]) CONTROL[allowed] = 0;
CONTROL[0x7f] = 1;

export function hasControlBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (CONTROL[b[i] as number]) return true;
  return false;
}

export function decodeText(b: Uint8Array): Decoded {
  if (hasControlBytes(b)) return { kind: "binary" };
  try {
    return { kind: "text", text: utf8.decode(b) };
  } catch {
    return { kind: "invalid-utf8" };
  }
}

/** UTF-16 text (with a byte-order mark, or ASCII-heavy with every other byte zero) decoded, so
 *  that an SVG or HTML file saved as UTF-16 is still read; null when it does not look like it. */
export function decodeUtf16(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  let littleEndian: boolean | null = null;
  if (b[0] === 0xff && b[1] === 0xfe) littleEndian = true;
  else if (b[0] === 0xfe && b[1] === 0xff) littleEndian = false;
  else {
    const n = Math.min(b.length & ~1, 512);
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (b[i] === 0) evenZero++;
      if (b[i + 1] === 0) oddZero++;
    }
    if (oddZero > n * 0.45) littleEndian = true;
    else if (evenZero > n * 0.45) littleEndian = false;
  }
  if (littleEndian === null) return null;
  return new TextDecoder(littleEndian ? "utf-16le" : "utf-16be").decode(b);
}

/** Markdown if it uses any common block or inline markdown syntax; otherwise plain text. */
export function textFormat(text: string): "text" | "markdown" {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  const markdown = /^(?:#{1,6}\s|\s*[-*+]\s|\s*\d+[.)]\s|>\s?|```|~~~|\|.*\|\s*$)|\[[^\]\n]+\]\([^)\n]+\)|\*\*[^*\n]+\*\*|__[^_\n]+__/m;
  return markdown.test(sample) ? "markdown" : "text";
}
