// Netpbm images found at any offset (carving): PBM, PGM and PPM in plain (ASCII) and raw form,
// PAM and PFM (netpbm.sourceforge.net/doc: pbm, pgm, ppm, pam, pfm). The magic is two letters,
// so a hit counts only when the whole header follows the grammar and the data behind it is as
// long as the header promises. Two habits of every common writer (netpbm, GIMP, ImageMagick,
// PIL, OpenCV) are required on top: the magic on a line of its own, and a raw header ending in
// a line feed. Prose such as "P3 100 200" has neither, nor the samples.
//
// Plain samples are read up to the first byte that is neither a sample nor whitespace. The
// next header starts with "P", so the reads behind many headers never overlap: hostile input
// costs one pass at most, however many headers it repeats.
import { atLineStart, latin1, u8 } from "./byte-readers.ts";
import type { Check } from "./raster-checks.ts";
import type { Finding } from "./verdict.ts";

/** Bytes of header read per hit: room for the comments GIMP and others write. */
const HEADER_WINDOW = 512;

const WS = "[ \\t\\n\\v\\f\\r]";
const SEP = `(?:${WS}|#[^\\n]*\\n)+`;
const MAGIC_LINE = `[ \\t]*(?:\\r?\\n|#[^\\n]*\\n)(?:${SEP})?`;
// Groups: kind, width, height, [maxval or PFM scale,] the single whitespace ending the header.
const WITHOUT_MAXVAL = new RegExp(`^P([14])${MAGIC_LINE}(\\d{1,6})${SEP}(\\d{1,6})(${WS})`);
const WITH_MAXVAL = new RegExp(`^P([2356Ff])${MAGIC_LINE}(\\d{1,6})${SEP}(\\d{1,6})${SEP}(-?\\d{1,6}(?:\\.\\d{1,9})?(?:[eE][-+]?\\d{1,2})?)(${WS})`);

const NAMES: Record<string, string> = { "1": "pbm", "2": "pgm", "3": "ppm", "4": "pbm", "5": "pgm", "6": "ppm", F: "pfm", f: "pfm" };
const CHANNELS: Record<string, number> = { "2": 1, "3": 3, "5": 1, "6": 3, F: 3, f: 1 };

/** Bytes that may follow "P" in a magic: plain forms only in text, every form in binary data. */
export const NETPBM_KINDS_IN_TEXT = "123";
export const NETPBM_KINDS = "1234567Ff";

/** A Netpbm image whose "P" is at `at`. In text (`inText`) only the plain forms count, at the
 *  start of a line; in binary data every form, the plain ones at a line start or right after
 *  binary bytes (see atLineStart). */
export const netpbm =
  (inText: boolean): Check =>
  (b, at) => {
    const kind = String.fromCharCode(u8(b, at + 1));
    const plain = kind === "1" || kind === "2" || kind === "3";
    if (plain ? !atLineStart(b, at, !inText) : inText) return null;
    if (!magicLine(b, at + 2, kind === "7")) return null;
    if (kind === "7") return pam(b, at);
    const m = (kind === "1" || kind === "4" ? WITHOUT_MAXVAL : WITH_MAXVAL).exec(latin1(b, at, HEADER_WINDOW));
    if (!m) return null;
    const width = Number(m[2]);
    const height = Number(m[3]);
    const field = m.length === 6 ? (m[4] as string) : "1";
    const last = m[m.length - 1];
    const pfm = kind === "F" || kind === "f";
    const maxval = pfm ? 1 : Number(field);
    if (width < 1 || height < 1 || (pfm ? Number(field) === 0 : !/^\d+$/.test(field) || maxval < 1 || maxval > 65535)) return null;
    const data = at + m[0].length;
    const channels = CHANNELS[kind] ?? 1;
    if (plain) return plainSamples(b, data, width * height * channels, maxval, kind === "1") ? (NAMES[kind] as string) : null;
    const expected = kind === "4" ? Math.ceil(width / 8) * height : width * height * channels * (pfm ? 4 : maxval > 255 ? 2 : 1);
    return last === "\n" && b.length - data >= expected ? (NAMES[kind] as string) : null;
  };

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/** The rest of the magic's line, read byte by byte before any string is built: spaces, then a
 *  line break or a comment, then (after more whitespace) a digit or a comment, or for PAM a
 *  keyword. */
function magicLine(b: Uint8Array, from: number, keyword: boolean): boolean {
  let i = from;
  while (u8(b, i) === 0x20 || u8(b, i) === 0x09) i++;
  const c = u8(b, i);
  if (c !== 0x0a && c !== 0x0d && c !== 0x23) return false;
  while (isSpace(u8(b, i))) i++;
  const first = u8(b, i);
  return first === 0x23 || (keyword ? first >= 0x41 && first <= 0x5a : first >= 0x30 && first <= 0x39);
}

/** Whether `count` samples no greater than `maxval` follow `from`. P1 pixels are single
 *  digits 0 or 1 that need no whitespace between them. */
function plainSamples(b: Uint8Array, from: number, count: number, maxval: number, bits: boolean): boolean {
  let i = from;
  for (let n = 0; n < count; n++) {
    while (i < b.length && isSpace(b[i] as number)) i++;
    if (bits) {
      if (b[i] !== 0x30 && b[i] !== 0x31) return false;
      i++;
      continue;
    }
    let value = 0;
    const start = i;
    for (; i < b.length && (b[i] as number) >= 0x30 && (b[i] as number) <= 0x39; i++) value = Math.min(value * 10 + (b[i] as number) - 0x30, 1e6);
    if (i === start || value > maxval) return false;
  }
  return true;
}

const PAM_NUMBERS = ["WIDTH", "HEIGHT", "DEPTH", "MAXVAL"];

/** PAM: "P7", lines of WIDTH, HEIGHT, DEPTH, MAXVAL and TUPLTYPE (comments and blank lines
 *  allowed, nothing else), "ENDHDR", then width × height × depth samples. */
function pam(b: Uint8Array, at: number): Finding {
  const head = latin1(b, at, HEADER_WINDOW);
  const end = head.indexOf("\nENDHDR\n");
  if (!/^P7[ \t]*\n/.test(head) || end < 0) return null;
  const fields = new Map<string, number>();
  for (const line of head.slice(head.indexOf("\n") + 1, end).split("\n")) {
    const m = /^[ \t]*(?:#.*|([A-Z]+)[ \t]+(\S.*?))?[ \t\r]*$/.exec(line);
    if (!m) return null;
    const [, key, value] = m;
    if (key === undefined || key === "TUPLTYPE") continue;
    if (!PAM_NUMBERS.includes(key) || !/^\d{1,6}$/.test(value as string)) return null;
    fields.set(key, Number(value));
  }
  const [width, height, depth, maxval] = PAM_NUMBERS.map((key) => fields.get(key) ?? 0) as [number, number, number, number];
  if (width < 1 || height < 1 || depth < 1 || maxval < 1 || maxval > 65535) return null;
  const data = at + end + "\nENDHDR\n".length;
  return b.length - data >= width * height * depth * (maxval > 255 ? 2 : 1) ? "pam" : null;
}
