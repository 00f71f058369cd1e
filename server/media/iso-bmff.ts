// ISO base media files (ISO/IEC 14496-12) open with an `ftyp` box listing brands. The same box
// starts MP4 video and HEIF/AVIF images, so the brands decide; the box size must also be sane,
// which keeps a stray "ftyp" in other data from counting.
import { ascii, u32be } from "./byte-readers.ts";
import type { Check } from "./raster-checks.ts";

// Brands of the image profiles: AVIF, HEIF/HEIC (incl. sequences), MIAF, Canon CR3.
const IMAGE_BRANDS = new Map<string, string>([
  ["avif", "avif"],
  ["avis", "avif"],
  ["heic", "heic"],
  ["heix", "heic"],
  ["heim", "heic"],
  ["heis", "heic"],
  ["hevc", "heic"],
  ["hevx", "heic"],
  ["hevm", "heic"],
  ["hevs", "heic"],
  ["mif1", "heif"],
  ["mif2", "heif"],
  ["msf1", "heif"],
  ["miaf", "heif"],
  ["avci", "heif"],
  ["vvic", "heif"],
  ["jpgs", "heif"],
  ["crx ", "cr3"],
]);

/** The brands of an ftyp box whose type field sits at `at` (the size is the 4 bytes before). */
export function ftypBrands(b: Uint8Array, at: number): string[] | null {
  if (ascii(b, at, 4) !== "ftyp") return null;
  const size = u32be(b, at - 4);
  if (size < 16 || size > 4096 || size % 4 !== 0 || at - 4 + size > b.length) return null;
  const brands = [ascii(b, at + 4, 4)];
  for (let p = at + 12; p + 4 <= at - 4 + size; p += 4) brands.push(ascii(b, p, 4));
  return brands;
}

/** `at` points at the box start (its size field), like every other check. */
export const isoImage: Check = (b, at) => {
  const brands = ftypBrands(b, at + 4);
  if (!brands) return null;
  const formats = brands.map((brand) => IMAGE_BRANDS.get(brand)).filter((f): f is string => f !== undefined);
  // Prefer the most specific name: avif/heic/cr3 over the generic HEIF container brands.
  return formats.find((f) => f !== "heif") ?? formats[0] ?? null;
};
