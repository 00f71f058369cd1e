// Is it text? Valid UTF-8 with no NUL and no C0 control characters other than tab, line feed,
// form feed and carriage return. The detectors never need the decoded string: every text
// pattern they use is ASCII, so they read a Latin-1 view of the bytes (one byte per character,
// built without decoding), where ASCII is itself and other bytes can never match a pattern.
import { isUtf8 } from "node:buffer";
import { TEXT_LIMIT } from "./verdict.ts";

export type TextKind = "text" | "binary" | "invalid-utf8";

// NUL first: nearly every binary file has one early, so the search usually stops at once.
const CONTROL_BYTES = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0b, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d,
  0x1e, 0x1f, 0x7f,
];
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Buffer.indexOf is a native memchr per byte value: ~30 of them over 5 MB cost less than one
 *  JavaScript or regex pass. */
export function textKind(b: Buffer): TextKind {
  for (const control of CONTROL_BYTES) if (b.indexOf(control) !== -1) return "binary";
  return validUtf8(b) ? "text" : "invalid-utf8";
}

/** Text that may be accepted is validated by a fatal TextDecoder, so no replacement character
 *  can hide a bad byte. Beyond the size limit the text is refused whatever the answer, and
 *  node:buffer's isUtf8 (the same WHATWG rules, without building a string) is much faster. */
function validUtf8(b: Uint8Array): boolean {
  if (b.length > TEXT_LIMIT) return isUtf8(b);
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
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
    if (oddZero > n * 0.45 && evenZero < n * 0.05) littleEndian = true;
    else if (evenZero > n * 0.45 && oddZero < n * 0.05) littleEndian = false;
  }
  if (littleEndian === null) return null;
  return new TextDecoder(littleEndian ? "utf-16le" : "utf-16be").decode(b);
}

/** Markdown if it uses any common block or inline markdown syntax; otherwise plain text. */
export function textFormat(view: string): "text" | "markdown" {
  const sample = view.length > 65536 ? view.slice(0, 65536) : view;
  const markdown = /^(?:#{1,6}\s|\s*[-*+]\s|\s*\d+[.)]\s|>\s?|```|~~~|\|.*\|\s*$)|\[[^\]\n]+\]\([^)\n]+\)|\*\*[^*\n]+\*\*|__[^_\n]+__/m;
  return markdown.test(sample) ? "markdown" : "text";
}
