// TIFF, BigTIFF and the camera raw formats built on TIFF (CR2, NEF, ARW, DNG, ORF, RW2, PEF,
// SRW). Four header bytes are short, so a header only counts when it points at a plausible
// first directory (IFD): a sane entry count and a valid field type (TIFF 6.0, section 2).
import { ascii, matches, u16be, u16le, u32be, u32le } from "./byte-readers.ts";
import type { Check } from "./raster-checks.ts";

/** Header signatures with the format they announce before the IFD is read. */
export const TIFF_SIGNATURES: ReadonlyArray<readonly [string, string]> = [
  ["II*\0", "tiff"],
  ["MM\0*", "tiff"],
  ["II+\0", "bigtiff"],
  ["MM\0+", "bigtiff"],
  ["IIRO", "orf"],
  ["IIRS", "orf"],
  ["MMOR", "orf"],
  ["IIU\0", "rw2"],
];

const MAKERS: ReadonlyArray<readonly [string, string]> = [
  ["NIKON", "nef"],
  ["SONY", "arw"],
  ["CANON", "cr2"],
  ["OLYMPUS", "orf"],
  ["OM DIGITAL", "orf"],
  ["PANASONIC", "rw2"],
  ["PENTAX", "pef"],
  ["RICOH", "pef"],
  ["SAMSUNG", "srw"],
];

const TAG_MAKE = 0x010f;
const TAG_DNG_VERSION = 0xc612;

function validType(type: number): boolean {
  return (type >= 1 && type <= 13) || (type >= 16 && type <= 18);
}

export const tiff: Check = (b, at) => {
  const sig = TIFF_SIGNATURES.find(([s]) => matches(b, at, s));
  if (!sig) return null;
  const little = sig[0].startsWith("I");
  const u16 = little ? u16le : u16be;
  const u32 = little ? u32le : u32be;
  if (sig[1] === "bigtiff") {
    // BigTIFF: bytesize 8, a zero word, then a 64-bit IFD offset (only its low half is read).
    return u16(b, at + 4) === 8 && u16(b, at + 6) === 0 ? "bigtiff" : null;
  }
  const ifd = at + u32(b, at + 4);
  const count = u16(b, ifd);
  if (ifd < at + 8 || count < 1 || count > 1000 || !validType(u16(b, ifd + 4))) return null;
  if (sig[1] !== "tiff") return sig[1];
  if (matches(b, at + 8, "CR\x02\0")) return "cr2";
  return classify(b, at, ifd, count, u16, u32);
};

/** Names the raw format from IFD0: DNGVersion marks a DNG, otherwise the Make tag. */
function classify(
  b: Uint8Array,
  at: number,
  ifd: number,
  count: number,
  u16: (b: Uint8Array, at: number) => number,
  u32: (b: Uint8Array, at: number) => number,
): string {
  let make = "";
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + 12 * i;
    const tag = u16(b, entry);
    if (tag < 0) break;
    if (tag === TAG_DNG_VERSION) return "dng";
    // An entry is tag (2), type (2), count (4), value or offset (4); type 2 is ASCII.
    if (tag === TAG_MAKE && u16(b, entry + 2) === 2) {
      const length = Math.min(u32(b, entry + 4), 64);
      make = length <= 4 ? ascii(b, entry + 8, length) : ascii(b, at + u32(b, entry + 8), length);
    }
  }
  const upper = make.toUpperCase();
  return MAKERS.find(([maker]) => upper.startsWith(maker))?.[1] ?? "tiff";
}
