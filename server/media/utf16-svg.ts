// An SVG saved as UTF-16 inside other data (carving). Whole UTF-16 files are decoded and read
// as text (find-image.ts); inside binary data the tag itself is looked for: "<svg" and a
// delimiter, each character with its zero high byte, in either byte order. The ASCII spelling
// inside binary data is matched the same way (find-image.ts, markupInBinary).
import { matches, u8 } from "./byte-readers.ts";
import type { Check } from "./raster-checks.ts";

// Big-endian "<svg" read from its second byte looks the same as little-endian.
const SVG_UTF16 = [0x3c, 0, 0x73, 0, 0x76, 0, 0x67, 0];
const DELIMITERS = new Set([0x09, 0x0a, 0x0d, 0x20, 0x2f, 0x3e]);

/** `at` is the "<": little-endian when the delimiter's high byte follows it, big-endian when
 *  the "<" has its own before it. */
export const svgUtf16: Check = (b, at) => {
  if (!matches(b, at, SVG_UTF16)) return null;
  const littleEndian = DELIMITERS.has(u8(b, at + 8)) && u8(b, at + 9) === 0;
  const bigEndian = u8(b, at - 1) === 0 && DELIMITERS.has(u8(b, at + 8));
  return littleEndian || bigEndian ? "svg" : null;
};
