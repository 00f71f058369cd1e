// Structure checks for image signatures that are strong enough to look for at ANY offset
// (carving). A signature alone can occur by chance inside other data, so each check also reads
// the header fields that follow it and refuses implausible values; `strict` adds the checks
// that only matter when the signature is not at offset 0.
import { ascii, matches, u16be, u16le, u32be, u32le, u8 } from "./byte-readers.ts";
import type { Finding } from "./verdict.ts";

export type Check = (b: Uint8Array, at: number, strict: boolean) => Finding;

export const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG, and APNG when an acTL chunk comes before the first IDAT (APNG spec, "Structure"). */
export const png: Check = (b, at) => {
  if (!matches(b, at, PNG_SIG)) return null;
  let p = at + 8;
  for (let chunks = 0; chunks < 64 && p + 8 <= b.length; chunks++) {
    const type = ascii(b, p + 4, 4);
    if (type === "acTL") return "apng";
    if (type === "IDAT" || type === "IEND") break;
    p += 12 + u32be(b, p);
  }
  return "png";
};

// Markers that may follow SOI: APPn, DQT, DHT, SOFn (incl. JPEG-LS F7), DRI, COM.
const JPEG_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf, 0xc4, 0xdb, 0xdd, 0xf7, 0xfe]);

/** JPEG: FF D8 FF + marker; when carving, the first segment must also end where a marker begins. */
export const jpeg: Check = (b, at, strict) => {
  if (u8(b, at) !== 0xff || u8(b, at + 1) !== 0xd8 || u8(b, at + 2) !== 0xff) return null;
  const marker = u8(b, at + 3);
  if (!(JPEG_MARKERS.has(marker) || (marker >= 0xe0 && marker <= 0xef))) return null;
  if (!strict) return "jpeg";
  const length = u16be(b, at + 4);
  return length >= 2 && u8(b, at + 4 + length) === 0xff ? "jpeg" : null;
};

/** GIF: at offset 0 the six-byte header decides (a GIF header followed by script is still a GIF
 *  to a browser); elsewhere the block after the screen descriptor must be a real GIF block. */
export const gif: Check = (b, at, strict) => {
  if (!matches(b, at, "GIF87a") && !matches(b, at, "GIF89a")) return null;
  if (!strict) return "gif";
  const flags = u8(b, at + 10);
  const block = at + 13 + (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
  if (u16le(b, at + 6) <= 0 || u16le(b, at + 8) <= 0) return null;
  const introducer = u8(b, block);
  // Extension: graphic control (F9, size 4), comment (FE), application (FF, size 11), text (01).
  if (introducer === 0x21) {
    const label = u8(b, block + 1);
    const size = u8(b, block + 2);
    return (label === 0xf9 && size === 4) || (label === 0xff && size === 11) || label === 0xfe || label === 0x01 ? "gif" : null;
  }
  if (introducer !== 0x2c) return null;
  // Image descriptor, optional local palette, then an LZW minimum code size of 2–8.
  const local = u8(b, block + 9);
  const codeSize = u8(b, block + 10 + (local & 0x80 ? 3 * (1 << ((local & 7) + 1)) : 0));
  return codeSize >= 2 && codeSize <= 8 ? "gif" : null;
};

/** WebP: RIFF <size> WEBP; when carving, a size below 256 MB and a VP8 / VP8L / VP8X chunk. */
export const webp: Check = (b, at, strict) => {
  if (!matches(b, at, "RIFF") || !matches(b, at + 8, "WEBP")) return null;
  return !strict || (u8(b, at + 7) < 0x10 && matches(b, at + 12, "VP8")) ? "webp" : null;
};

const DIB_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const BMP_DEPTHS = new Set([1, 2, 4, 8, 16, 24, 32, 64]);

/** BMP: "BM" is two letters, so the DIB header behind it must be plausible even at offset 0. */
export const bmp: Check = (b, at, strict) => {
  if (!matches(b, at, "BM")) return null;
  const dib = u32le(b, at + 14);
  if (!DIB_SIZES.has(dib)) return null;
  const core = dib === 12;
  const width = core ? u16le(b, at + 18) : u32le(b, at + 18);
  const planes = u16le(b, at + (core ? 22 : 26));
  const depth = u16le(b, at + (core ? 24 : 28));
  const dataOffset = u32le(b, at + 10);
  if (width <= 0 || planes !== 1 || !BMP_DEPTHS.has(depth) || dataOffset < 14 + dib) return null;
  return !strict || u32le(b, at + 6) === 0 ? "bmp" : null;
};

/** QOI: "qoif", width, height, channels 3|4, colourspace 0|1 (qoiformat.org spec). */
export const qoi: Check = (b, at) => {
  if (!matches(b, at, "qoif")) return null;
  const channels = u8(b, at + 12);
  const space = u8(b, at + 13);
  return u32be(b, at + 4) > 0 && u32be(b, at + 8) > 0 && (channels === 3 || channels === 4) && (space === 0 || space === 1) ? "qoi" : null;
};

/** DDS: "DDS " then the header size 124 and the pixel-format size 32 (DirectDraw surface). */
export const dds: Check = (b, at) => (matches(b, at, "DDS ") && u32le(b, at + 4) === 124 && u32le(b, at + 76) === 32 ? "dds" : null);

/** PSD / PSB: "8BPS", version 1 or 2, six reserved zero bytes, 1–56 channels. */
export const psd: Check = (b, at) => {
  if (!matches(b, at, "8BPS")) return null;
  const version = u16be(b, at + 4);
  const channels = u16be(b, at + 12);
  return (version === 1 || version === 2) && matches(b, at + 6, [0, 0, 0, 0, 0, 0]) && channels >= 1 && channels <= 56 ? "psd" : null;
};

/** OpenEXR: magic 76 2F 31 01 and format version 2. */
export const exr: Check = (b, at) => (matches(b, at, [0x76, 0x2f, 0x31, 0x01]) && u8(b, at + 4) === 2 ? "exr" : null);

/** Radiance HDR: "#?RADIANCE" / "#?RGBE"; when carving, the resolution line must follow. */
export const hdr: Check = (b, at, strict) => {
  if (!matches(b, at, "#?RADIANCE") && !matches(b, at, "#?RGBE")) return null;
  if (!strict) return "hdr";
  return /\n\n[-+][XY] \d+ [-+][XY] \d+\n/.test(ascii(b, at, 4096)) ? "hdr" : null;
};

/** JPEG 2000 codestream: SOC + SIZ, where SIZ's length must match its component count. */
export const j2k: Check = (b, at) => {
  if (!matches(b, at, [0xff, 0x4f, 0xff, 0x51])) return null;
  const length = u16be(b, at + 4);
  const components = u16be(b, at + 40);
  return components >= 1 && length === 38 + 3 * components ? "j2k" : null;
};

export const jp2: Check = (b, at) => (matches(b, at, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]) ? "jp2" : null);
export const jxlContainer: Check = (b, at) => (matches(b, at, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a]) ? "jxl" : null);
export const mng: Check = (b, at) => (matches(b, at, [0x8a, 0x4d, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? "mng" : null);
export const jng: Check = (b, at) => (matches(b, at, [0x8b, 0x4a, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? "jng" : null);

/** farbfeld: "farbfeld", width and height (big-endian, non-zero), then 8 bytes per pixel. */
export const farbfeld: Check = (b, at) => {
  if (!matches(b, at, "farbfeld")) return null;
  const width = u32be(b, at + 8);
  const height = u32be(b, at + 12);
  return width > 0 && height > 0 && b.length - at - 16 >= width * height * 8 ? "farbfeld" : null;
};

/** TGA 2.0 footer: "TRUEVISION-XFILE." + NUL marks the end of a TGA file wherever it sits. */
export const tgaFooter: Check = (b, at) => (matches(b, at, "TRUEVISION-XFILE.\0") ? "tga" : null);
