// Image formats recognised only at offset 0: their signatures are too short or too common to
// search for inside other data, so each one is checked against its header structure instead.
import { ascii, matches, u16le, u32be, u32le, u8 } from "./byte-readers.ts";
import type { Finding } from "./verdict.ts";

/** Fixed signatures at a fixed offset from the start of the file. Signatures that are
 *  printable words also need a following byte that text cannot contain, so that a text file
 *  which merely begins with the word stays text. */
type Magic = readonly [at: number, sig: string | readonly number[], format: string, also?: (b: Uint8Array) => boolean];
const MAGIC: readonly Magic[] = [
  [0, [0xff, 0x0a], "jxl"], // JPEG XL bare codestream
  [0, [0xc5, 0xd0, 0xd3, 0xc6], "eps"], // DOS EPS binary header
  [0, [0x59, 0xa6, 0x6a, 0x95], "sun-raster"],
  [0, [0xd7, 0xcd, 0xc6, 0x9a], "wmf"], // placeable Windows metafile
  [40, " EMF", "emf", (b) => u32le(b, 0) === 1],
  [0, "farbfeld", "farbfeld", (b) => u8(b, 8) === 0 && u8(b, 12) === 0],
  [0, [0x42, 0x50, 0x47, 0xfb], "bpg"],
  [0, "FLIF", "flif", (b) => /^[1-4A-DQ-T][0-2]/.test(ascii(b, 4, 2)) && b.length > 6 && u8(b, 6) < 0x20],
  [0, "icns", "icns", (b) => u32be(b, 4) >= 8 && u32be(b, 4) <= b.length],
  [0, "gimp xcf ", "xcf", (b) => u8(b, 13) === 0],
  [0, "SIMPLE  =                    T", "fits"],
  [0, "FOVb", "x3f", (b) => u8(b, 7) === 0],
  [0, [0x00, 0x4d, 0x52, 0x4d], "mrw"],
  [6, "HEAPCCDR", "crw", (b) => (matches(b, 0, "II") || matches(b, 0, "MM")) && u8(b, 3) === 0 && u8(b, 4) === 0],
  [0, [0x01, 0xda, 0x00], "sgi"],
  [0, [0x01, 0xda, 0x01], "sgi"],
];

export function headImage(b: Uint8Array): Finding {
  for (const [at, sig, format, also] of MAGIC) if (matches(b, at, sig) && (!also || also(b))) return format;
  return icon(b) ?? pcx(b) ?? pnm(b) ?? postscript(b);
}

/** ICO / CUR: directory entries must point inside the file at a PNG or a BMP info header. */
function icon(b: Uint8Array): Finding {
  const type = u16le(b, 2);
  const count = u16le(b, 4);
  if (u16le(b, 0) !== 0 || (type !== 1 && type !== 2) || count < 1 || count > 256) return null;
  const size = u32le(b, 6 + 8);
  const offset = u32le(b, 6 + 12);
  if (size <= 0 || offset < 6 + 16 * count || offset + Math.min(size, 8) > b.length) return null;
  const inner = matches(b, offset, [0x89, 0x50, 0x4e, 0x47]) || u32le(b, offset) === 40;
  return inner ? (type === 1 ? "ico" : "cur") : null;
}

/** PCX (ZSoft): manufacturer 0x0A, known version, RLE flag, depth, planes, sane window. */
function pcx(b: Uint8Array): Finding {
  if (u8(b, 0) !== 0x0a || b.length < 128) return null;
  const version = u8(b, 1);
  const depth = u8(b, 3);
  const planes = u8(b, 65);
  const windowOk = u16le(b, 4) <= u16le(b, 8) && u16le(b, 6) <= u16le(b, 10);
  return [0, 2, 3, 4, 5].includes(version) &&
    u8(b, 2) <= 1 &&
    [1, 2, 4, 8].includes(depth) &&
    [1, 3, 4].includes(planes) &&
    u8(b, 64) === 0 &&
    u16le(b, 66) > 0 &&
    windowOk
    ? "pcx"
    : null;
}

const PNM_NAMES: Record<string, string> = { "4": "pbm", "5": "pgm", "6": "ppm", F: "pfm", f: "pfm" };
const PNM_HEADER = /^P([456Ff])(?:\s|#[^\n]*\n)+(\d+)(?:\s|#[^\n]*\n)+(\d+)(?:(?:\s|#[^\n]*\n)+(-?[\d.]+))?\s/;

/** Binary PNM (P4–P6), PFM and PAM (P7). A text file may start with "P6 3 4 5" by chance, so
 *  the header counts only when the data behind it is as long as the header promises. */
function pnm(b: Uint8Array): Finding {
  if (u8(b, 0) !== 0x50) return null;
  const head = ascii(b, 0, 1024);
  if (/^P7\s/.test(head)) return /\bWIDTH\s+\d+/.test(head) && /\bENDHDR\s/.test(head) ? "pam" : null;
  const m = PNM_HEADER.exec(head);
  if (!m) return null;
  const kind = m[1] as string;
  if (kind !== "4" && m[4] === undefined) return null;
  const width = Number(m[2]);
  const height = Number(m[3]);
  const depth = kind === "4" ? 1 / 8 : kind === "5" ? 1 : kind === "6" ? 3 : kind === "F" ? 12 : 4;
  const wide = (kind === "5" || kind === "6") && Number(m[4]) > 255 ? 2 : 1;
  const expected = kind === "4" ? Math.ceil(width / 8) * height : width * height * depth * wide;
  const data = b.length - m[0].length;
  return width > 0 && height > 0 && data >= expected ? (PNM_NAMES[kind] ?? "pnm") : null;
}

/** PostScript / EPS: "%!PS" at the start, after an optional Ctrl-D or UTF-8 byte-order mark. */
function postscript(b: Uint8Array): Finding {
  const start = u8(b, 0) === 0x04 ? 1 : matches(b, 0, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  if (!matches(b, start, "%!PS")) return null;
  return /EPSF-/.test(ascii(b, start, 64)) ? "eps" : "postscript";
}
