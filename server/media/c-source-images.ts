// XBM and XPM images written as C source, found inside binary data (carving). In a text file
// the text rules (text-images.ts) already find them anywhere; inside binary bytes only a
// complete, consistent image counts: its declaration, then every value or row its header
// promises, as X11's XReadBitmapFile and libXpm read them.
//
// Reading stops at the first byte that does not belong to the image, and the next image's
// declaration never does, so many repeated headers still cost one pass over the data.
import { asBuffer, latin1, u8 } from "./byte-readers.ts";
import type { Check } from "./raster-checks.ts";
import type { Finding } from "./verdict.ts";

const W = "[ \\t\\r\\n]";
/** Whitespace and C comments (libXpm writes one naming the values). */
const GAP = `(?:${W}|/\\*(?:[^*]|\\*(?!/))*\\*/)*`;
/** Bytes read before and after the "[]" that both declarations contain. */
const BEFORE = 256;
const AFTER = 256;

const ARRAY_START = new RegExp(`^\\[\\]${W}*=${W}*\\{`);

/** XBM or XPM whose array declaration has its "[]" at `at`: the one anchor both share, and a
 *  two-byte needle rare in other data. */
export const cSourceImage: Check = (b, at) => {
  const after = latin1(b, at, AFTER);
  const start = ARRAY_START.exec(after);
  if (!start) return null;
  const before = latin1(b, at - BEFORE, Math.min(at, BEFORE));
  return xpm(b, at, before, after) ?? xbm(b, at + start[0].length, before);
};

// XBM (X11 XReadBitmapFile): "#define <name>_width N", "_height N", up to two more defines
// (the hotspot), then "static [const] [unsigned] char|short <name>_bits", the anchor, and one
// hex value per 8 (char) or 16 (short) pixels of every row.
const XBM_DECLARATION = new RegExp(
  `#define${W}+(?:\\w*_)?width${W}+(\\d{1,5})${W}+#define${W}+(?:\\w*_)?height${W}+(\\d{1,5})${W}+` +
    `(?:#define${W}+\\w+${W}+\\d{1,5}${W}+){0,2}static${W}+(?:const${W}+)?(?:unsigned${W}+)?(char|short)${W}+(?:\\w*_)?bits${W}*$`,
);
/** `values` is where the array's values start. */
function xbm(b: Uint8Array, values: number, before: string): Finding {
  const m = XBM_DECLARATION.exec(before);
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const bits = m[3] === "short" ? 16 : 8;
  return width > 0 && height > 0 && hexValues(b, values, Math.ceil(width / bits) * height) ? "xbm" : null;
}

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

/** `count` values "0x" + 1–4 hex digits, separated by commas, from `from`. */
function hexValues(b: Uint8Array, from: number, count: number): boolean {
  let i = from;
  for (let n = 0; n < count; n++) {
    while (isSpace(u8(b, i))) i++;
    if (n > 0) {
      if (u8(b, i) !== 0x2c) return false;
      i++;
      while (isSpace(u8(b, i))) i++;
    }
    if (u8(b, i) !== 0x30 || (u8(b, i + 1) | 0x20) !== 0x78) return false;
    i += 2;
    const start = i;
    while (i - start < 5 && isHex(u8(b, i))) i++;
    if (i === start || i - start > 4) return false;
  }
  return true;
}

// XPM (libXpm, "XPM Manual" section 2): "char *<name>", optionally static and const, the
// anchor, then the values string: width, height, colours, characters per pixel, an optional
// hotspot and XPMEXT.
const XPM_DECLARATION = new RegExp(`char${W}*\\*${W}*(?:const${W}+)?\\w+${W}*$`);
const XPM_VALUES = new RegExp(
  `^\\[\\]${W}*=${W}*\\{${GAP}"[ \\t]*(\\d{1,5})[ \\t]+(\\d{1,5})[ \\t]+(\\d{1,6})[ \\t]+(\\d)(?:[ \\t]+\\d{1,5}[ \\t]+\\d{1,5})?(?:[ \\t]+XPMEXT)?[ \\t]*"`,
);
/** What follows a colour string's pixel characters: a visual key and its colour. */
const XPM_COLOUR = /^[ \t]+(?:c|m|s|g|g4)[ \t]+\S/;

/** Then exactly `colours` colour strings and `height` rows of width × cpp characters. */
function xpm(b: Uint8Array, at: number, before: string, after: string): Finding {
  const values = XPM_DECLARATION.test(before) ? XPM_VALUES.exec(after) : null;
  if (!values) return null;
  const [width, height, colours, cpp] = values.slice(1, 5).map(Number) as [number, number, number, number];
  if (width < 1 || height < 1 || colours < 1 || cpp < 1) return null;
  const buf = asBuffer(b);
  let p = at + values[0].length;
  for (let i = 0; i < colours + height; i++) {
    const start = nextString(buf, p);
    const end = start < 0 ? -1 : buf.indexOf(0x22, start);
    if (end < 0) return null;
    if (i < colours ? end - start > 256 || !XPM_COLOUR.test(latin1(b, start + cpp, end - start - cpp)) : end - start !== width * cpp) return null;
    p = end + 1;
  }
  return "xpm";
}

/** Position after the opening quote of the string that follows `p` (a comma, then
 *  whitespace and comments), or -1. */
function nextString(b: Buffer, p: number): number {
  let i = p;
  let comma = false;
  for (;;) {
    const c = u8(b, i);
    if (isSpace(c)) {
      i++;
    } else if (c === 0x2c && !comma) {
      comma = true;
      i++;
    } else if (c === 0x2f && u8(b, i + 1) === 0x2a) {
      const close = b.indexOf("*/", i + 2);
      if (close < 0 || close - i > 1024) return -1;
      i = close + 2;
    } else {
      return c === 0x22 && comma ? i + 1 : -1;
    }
  }
}
