// Carving: look for strong image signatures anywhere in the buffer, not only at offset 0, so an
// image behind a prefix (a polyglot, a file glued after garbage, an image stored inside a
// container) is still found. One Buffer.indexOf pass per signature keeps a 5 MB buffer within
// the time budget (issue 3); every hit is confirmed by its header structure.
//
// Hostile input can repeat a signature millions of times ("BMBMBM..."), and each confirmation
// costs a native call, so the number of confirmations is capped. Past the cap the buffer is not
// searched further: a carved image in such a file is missed, but the file is then binary and
// refused anyway (valid text can only hold the few `textual` signatures, and none of the
// strict checks below can pass on text).
import type { Finding } from "./verdict.ts";
import { isoImage } from "./iso-bmff.ts";
import * as raster from "./raster-checks.ts";
import { TIFF_SIGNATURES, tiff } from "./tiff.ts";
import { ascii, matches, u8 } from "./byte-readers.ts";

interface Needle {
  bytes: Buffer;
  /** Can be confirmed inside valid UTF-8 text without control characters. Most cannot: their
   *  confirmation needs a NUL or control byte (sizes, versions, channel counts), and in text
   *  they would only cost a wasted pass. */
  textual: boolean;
  /** How far the needle sits from the start of the structure that `check` reads. */
  shift: number;
  check: raster.Check;
}

// Buffer.indexOf switches to a slower algorithm for needles of 8 bytes or more (measured: ~6x
// on 5 MB), so only a signature's first 6 bytes are searched; every check re-reads the whole
// signature before reading the fields behind it.
const SEARCHED_BYTES = 6;

const needle = (sig: string | readonly number[], check: raster.Check, shift = 0, textual = false): Needle => ({
  bytes: (typeof sig === "string" ? Buffer.from(sig, "latin1") : Buffer.from(sig)).subarray(0, SEARCHED_BYTES),
  shift,
  check,
  textual,
});

/** Confirmations per signature and per buffer (see above). */
const MAX_HITS_PER_SIGNATURE = 4096;
const MAX_HITS = 16384;

/** IFF-style files: "FORM", a size below 256 MB, then a form type naming the image kind. */
const iffForm = (format: string, kinds: readonly string[], formAt = 0): raster.Check => (b, at) =>
  matches(b, at + formAt, "FORM") && u8(b, at + formAt + 4) < 0x10 && kinds.includes(ascii(b, at + formAt + 8, 4)) ? format : null;

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
  needle("#?RADIANCE", raster.hdr, 0, true),
  needle("#?RGBE", raster.hdr, 0, true),
  needle("BM", raster.bmp),
  needle("TRUEVISION-XFILE.\0", raster.tgaFooter),
  needle("\u00abKTX ", (b, at) => (matches(b, at + 5, "11\u00bb\r\n\x1a\n") || matches(b, at + 5, "20\u00bb\r\n\x1a\n") ? "ktx" : null)),
  needle("AT&TFORM", iffForm("djvu", ["DJVU", "DJVM", "DJVI"], 4)),
  needle("ILBM", iffForm("ilbm", ["ILBM", "PBM "]), 8),
  needle("PBM ", iffForm("ilbm", ["ILBM", "PBM "]), 8),
  needle("FUJIFILMCCD-RAW ", (b, at) => (matches(b, at, "FUJIFILMCCD-RAW ") && b.subarray(at + 16, at + 64).includes(0) ? "raf" : null)),
  ...TIFF_SIGNATURES.map(([sig]) => needle(sig, tiff)),
];

/** The first image found at any offset, checked strictly (see raster-checks.ts). `text` says
 *  the buffer is valid UTF-8 without controls, where only `textual` signatures can confirm. */
export function carveImage(buf: Buffer, text = false): Finding {
  let budget = MAX_HITS;
  for (const { bytes, shift, check, textual } of NEEDLES) {
    if (text && !textual) continue;
    let hit = buf.indexOf(bytes);
    for (let n = 0; hit !== -1 && n < MAX_HITS_PER_SIGNATURE && budget > 0; n++, budget--) {
      const found = check(buf, hit - shift, hit - shift !== 0);
      if (found) return found;
      hit = buf.indexOf(bytes, hit + 1);
    }
  }
  return null;
}
