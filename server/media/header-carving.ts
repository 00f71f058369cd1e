// Formats whose signature is too weak to carve on its own, but whose header is long and
// self-consistent enough to be checked strictly at any offset: an ICO/CUR directory, where
// every entry must point inside the data at an image that agrees with it, and a PCX header,
// where all 128 bytes must agree. At offset 0 the lenient checks in head-formats.ts apply.
// TGA without its footer and WBMP have nothing comparable (a TGA header is mostly zeros and
// small numbers, a WBMP header two zero bytes), so they are not carved at all.
import { matches, u16le, u32le, u8 } from "./byte-readers.ts";
import { PNG_SIG, type Check } from "./raster-checks.ts";

/** Entries read per directory: real icons have a handful. */
export const MAX_ICON_ENTRIES = 64;
const DIB_DEPTHS = new Set([1, 4, 8, 16, 24, 32]);

/** ICO (type 1) or CUR (type 2) directory at `at`: reserved 0, 1–64 entries, each with its
 *  reserved byte 0 and its image inside the data, a PNG or a BMP info header (BI_RGB) whose
 *  width and double height (colour and mask) are the entry's (0 meaning 256). */
export const iconDirectory: Check = (b, at) => {
  const type = u16le(b, at + 2);
  const count = u16le(b, at + 4);
  if (u16le(b, at) !== 0 || (type !== 1 && type !== 2) || count < 1 || count > MAX_ICON_ENTRIES) return null;
  const size = b.length - at;
  for (let i = 0; i < count; i++) {
    const entry = at + 6 + 16 * i;
    const width = u8(b, entry) || 256;
    const height = u8(b, entry + 1) || 256;
    const length = u32le(b, entry + 8);
    const offset = u32le(b, entry + 12);
    if (u8(b, entry + 3) !== 0 || length < 40 || offset < 6 + 16 * count || offset + length > size) return null;
    // ICO: colour planes 0 or 1 and a depth; CUR: the hotspot, inside the image.
    const ok =
      type === 1
        ? u16le(b, entry + 4) <= 1 && (u16le(b, entry + 6) === 0 || DIB_DEPTHS.has(u16le(b, entry + 6)))
        : u16le(b, entry + 4) <= width && u16le(b, entry + 6) <= height;
    if (!ok || !iconImage(b, at + offset, width, height)) return null;
  }
  return type === 1 ? "ico" : "cur";
};

function iconImage(b: Uint8Array, p: number, width: number, height: number): boolean {
  if (matches(b, p, PNG_SIG)) return matches(b, p + 12, "IHDR");
  return (
    u32le(b, p) === 40 &&
    u32le(b, p + 4) === width &&
    u32le(b, p + 8) === 2 * height &&
    u16le(b, p + 12) === 1 &&
    DIB_DEPTHS.has(u16le(b, p + 14)) &&
    u32le(b, p + 16) === 0
  );
}

// Bits per pixel × planes that PCX writers produce: mono, CGA, EGA/VGA palettes, 24/32-bit.
const PCX_LAYOUTS = new Set(["1x1", "1x3", "1x4", "2x1", "4x1", "8x1", "8x3", "8x4"]);

/** PCX version 5 with RLE (ZSoft "PCX Technical Reference"): the searched bytes 0A 05 01, a
 *  known depth and plane layout, a window whose width the bytes per line cover (padded to an
 *  even count at most), reserved byte 0, palette info 0–2, the 54 filler bytes zero, and
 *  enough data behind the header for the image even at the best run-length ratio. */
export const pcx: Check = (b, at) => {
  if (!matches(b, at, [0x0a, 0x05, 0x01]) || b.length - at < 128) return null;
  const depth = u8(b, at + 3);
  const planes = u8(b, at + 65);
  const width = u16le(b, at + 8) - u16le(b, at + 4) + 1;
  const height = u16le(b, at + 10) - u16le(b, at + 6) + 1;
  const line = Math.ceil((width * depth) / 8);
  const bytesPerLine = u16le(b, at + 66);
  if (!PCX_LAYOUTS.has(`${depth}x${planes}`) || width < 1 || height < 1 || (bytesPerLine !== line && bytesPerLine !== line + (line % 2))) return null;
  if (u8(b, at + 64) !== 0 || u16le(b, at + 68) > 2) return null;
  for (let i = 74; i < 128; i++) if (b[at + i] !== 0) return null;
  // A run packet (two bytes) decodes to at most 63 bytes.
  return b.length - at - 128 >= 2 * Math.ceil((bytesPerLine * planes * height) / 63) ? "pcx" : null;
};
