// Formats with no signature at all: TGA (without its 2.0 footer) and WBMP. They are recognised
// by header plausibility only, so they are tried last, on binary data that no known container
// claimed; a miss here still ends in `rejected`, never in `text`.
import { u16le, u8 } from "./byte-readers.ts";
import type { Finding } from "./verdict.ts";

const TGA_TYPES = new Set([1, 2, 3, 9, 10, 11, 32, 33]);
const TGA_DEPTHS = new Set([8, 15, 16, 24, 32]);

/** TGA header (Truevision TGA 2.0, "Image File Specification" fields 1–5). */
export function tgaHeader(b: Uint8Array): Finding {
  if (b.length < 18) return null;
  const idLength = u8(b, 0);
  const mapType = u8(b, 1);
  const type = u8(b, 2);
  const mapLength = u16le(b, 5);
  const mapDepth = u8(b, 7);
  const width = u16le(b, 12);
  const height = u16le(b, 14);
  const depth = u8(b, 16);
  const descriptor = u8(b, 17);
  if (!TGA_TYPES.has(type) || width === 0 || height === 0 || !TGA_DEPTHS.has(depth)) return null;
  if ((descriptor & 0xc0) !== 0 || (descriptor & 0x0f) > 8) return null;
  const mapped = type === 1 || type === 9 || type === 32 || type === 33;
  if (mapType === 0) {
    // Without a colour map its specification must be empty, and the image cannot be mapped.
    if (mapped || u16le(b, 3) !== 0 || mapLength !== 0 || mapDepth !== 0) return null;
  } else if (mapType === 1) {
    if (!mapped || mapLength === 0 || ![15, 16, 24, 32].includes(mapDepth)) return null;
  } else return null;
  const header = 18 + idLength + (mapType === 1 ? mapLength * Math.ceil(mapDepth / 8) : 0);
  const raw = type === 1 || type === 2 || type === 3;
  const pixels = raw ? width * height * Math.ceil(depth / 8) : 1;
  return b.length >= header + pixels ? "tga" : null;
}

/** Reads a WBMP multi-byte integer (7 bits per byte, high bit = more follows). */
function multiByte(b: Uint8Array, at: number): [value: number, next: number] | null {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const byte = u8(b, at + i);
    if (byte < 0) return null;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return null;
}

/** WBMP type 0 (WAP bitmap): type 0, fixed header 0, width, height, then exactly enough bits. */
export function wbmp(b: Uint8Array): Finding {
  if (u8(b, 0) !== 0 || u8(b, 1) !== 0) return null;
  const w = multiByte(b, 2);
  const h = w && multiByte(b, w[1]);
  if (!w || !h || w[0] === 0 || h[0] === 0 || w[0] > 4096 || h[0] > 4096) return null;
  return b.length - h[1] >= Math.ceil(w[0] / 8) * h[0] ? "wbmp" : null;
}
