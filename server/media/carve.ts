// Carving: look for strong image signatures anywhere in the buffer, not only at offset 0, so an
// image behind a prefix (a polyglot, a file glued after garbage, an image stored inside a
// container) is still found. One Buffer.indexOf pass per signature keeps a 5 MB buffer well
// under the 50 ms budget (issue 3); every hit is confirmed by its header structure.
import type { Finding } from "./verdict.ts";
import { isoImage } from "./iso-bmff.ts";
import * as raster from "./raster-checks.ts";
import { TIFF_SIGNATURES, tiff } from "./tiff.ts";
import { ascii, matches } from "./byte-readers.ts";

interface Needle {
  bytes: Buffer;
  /** How far the needle sits from the start of the structure that `check` reads. */
  shift: number;
  check: raster.Check;
}

const needle = (sig: string | readonly number[], check: raster.Check, shift = 0): Needle => ({
  bytes: typeof sig === "string" ? Buffer.from(sig, "latin1") : Buffer.from(sig),
  shift,
  check,
});

/** IFF-style files: "FORM", a size, then a form type naming the image kind. */
const iffForm = (format: string, kinds: readonly string[], formAt = 0): raster.Check => (b, at) =>
  matches(b, at + formAt, "FORM") && kinds.includes(ascii(b, at + formAt + 8, 4)) ? format : null;

const NEEDLES: readonly Needle[] = [
  needle(raster.PNG_SIG, raster.png),
  needle([0x8a, 0x4d, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], raster.mng),
  needle([0x8b, 0x4a, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], raster.jng),
  needle([0xff, 0xd8, 0xff], raster.jpeg),
  needle("GIF8", raster.gif),
  needle("WEBPVP8", raster.webp, 8),
  needle("ftyp", isoImage, 4),
  needle([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20], raster.jp2),
  needle([0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20], raster.jxlContainer),
  needle([0xff, 0x4f, 0xff, 0x51], raster.j2k),
  needle("qoif", raster.qoi),
  needle("DDS ", raster.dds),
  needle("8BPS", raster.psd),
  needle([0x76, 0x2f, 0x31, 0x01], raster.exr),
  needle("#?RADIANCE", raster.hdr),
  needle("#?RGBE", raster.hdr),
  needle("BM", raster.bmp),
  needle("TRUEVISION-XFILE.\0", raster.tgaFooter),
  needle("\u00abKTX ", (b, at) => (matches(b, at + 5, "11\u00bb\r\n\x1a\n") || matches(b, at + 5, "20\u00bb\r\n\x1a\n") ? "ktx" : null)),
  needle("AT&TFORM", iffForm("djvu", ["DJVU", "DJVM", "DJVI"], 4)),
  needle("ILBM", iffForm("ilbm", ["ILBM", "PBM "]), 8),
  needle("PBM ", iffForm("ilbm", ["ILBM", "PBM "]), 8),
  needle("FUJIFILMCCD-RAW ", () => "raf"),
  ...TIFF_SIGNATURES.map(([sig]) => needle(sig, tiff)),
];

/** The first image found at any offset, checked strictly (see raster-checks.ts). */
export function carveImage(buf: Buffer): Finding {
  for (const { bytes, shift, check } of NEEDLES) {
    let hit = buf.indexOf(bytes);
    while (hit !== -1) {
      const found = check(buf, hit - shift, hit - shift !== 0);
      if (found) return found;
      hit = buf.indexOf(bytes, hit + 1);
    }
  }
  return null;
}
