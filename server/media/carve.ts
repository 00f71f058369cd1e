// Carving: look for strong image signatures anywhere in the buffer, not only at offset 0, so an
// image behind a prefix (a polyglot, a file glued after garbage, an image stored inside a
// container) is still found. One Buffer.indexOf pass per signature keeps a 5 MB buffer within
// the time budget (issue 3); every hit is confirmed by its header structure.
//
// Hostile input can repeat a signature millions of times ("BMBMBM..."), and each confirmation
// costs a native call, so the number of confirmations is capped. Past the cap the buffer is not
// searched further: a carved image in such a file is missed, but the file is then binary (or
// text over the size limit) and refused anyway. The exception is the text-written formats
// (PostScript, plain PNM) in text that could be accepted: there every hit is confirmed, since
// a capped miss would let the text through, and their checks reject cheaply first.
import { TEXT_LIMIT, type Finding } from "./verdict.ts";
import { ascii, matches, u8 } from "./byte-readers.ts";
import { cSourceImage } from "./c-source-images.ts";
import { iconDirectory, MAX_ICON_ENTRIES, pcx } from "./header-carving.ts";
import { isoImage } from "./iso-bmff.ts";
import { NETPBM_KINDS, NETPBM_KINDS_IN_TEXT, netpbm } from "./netpbm.ts";
import { epsBinary, postscript } from "./postscript.ts";
import * as raster from "./raster-checks.ts";
import { tiff } from "./tiff.ts";
import { svgUtf16 } from "./utf16-svg.ts";

/** Where a needle is searched: binary data only (most signatures contain a NUL or control
 *  byte, which valid text cannot, so in text they would only cost a wasted pass), valid text
 *  only, or both. A text-written format can have one needle per side, with a check that
 *  knows which side it is on. */
type Scope = "binary" | "text" | "both";

interface Needle {
  bytes: Buffer;
  scope: Scope;
  /** How far the needle sits from the start of the structure that `check` reads. */
  shift: number;
  check: raster.Check;
  /** Bytes allowed right after the needle. A short needle with this filter answers several
   *  signatures in one pass ("II" for the five little-endian TIFF headers); hits that fail the
   *  filter cost no confirmation, only a loop step (see MAX_STOPS). */
  next?: Uint8Array;
  /** Confirm every hit in text of an acceptable size (see above). */
  everyHitInText: boolean;
}

// Buffer.indexOf switches to a slower algorithm for needles of 8 bytes or more (measured: ~6x
// on 5 MB), so only a signature's first 6 bytes are searched; every check re-reads the whole
// signature before reading the fields behind it. Each needle costs a pass over the buffer
// (~0.3 ms on 5 MB of random bytes), which is why signatures that share a beginning share one.
const SEARCHED_BYTES = 6;

interface NeedleOptions {
  shift?: number;
  scope?: Scope;
  next?: string | readonly number[];
  everyHitInText?: boolean;
}

const needle = (sig: string | readonly number[], check: raster.Check, options: NeedleOptions = {}): Needle => ({
  bytes: (typeof sig === "string" ? Buffer.from(sig, "latin1") : Buffer.from(sig)).subarray(0, SEARCHED_BYTES),
  scope: options.scope ?? "binary",
  shift: options.shift ?? 0,
  check,
  next: options.next === undefined ? undefined : byteSet(options.next),
  everyHitInText: options.everyHitInText ?? false,
});

function byteSet(bytes: string | readonly number[]): Uint8Array {
  const set = new Uint8Array(256);
  for (const byte of typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes) set[byte] = 1;
  return set;
}

/** Confirmations per signature and per buffer (see above). */
const MAX_HITS_PER_SIGNATURE = 4096;
const MAX_HITS = 16384;
/** Hits a `next` filter may turn away per needle (~35 ns each) before the needle gives up:
 *  5 MB of random bytes has ~20,000 of any one byte, a hostile "PPPP..." file millions. */
const MAX_STOPS = 65536;

/** IFF-style files: "FORM", a size below 256 MB, then a form type naming the image kind. */
const iffForm =
  (format: string, kinds: readonly string[], formAt = 0): raster.Check =>
  (b, at) =>
    matches(b, at + formAt, "FORM") && u8(b, at + formAt + 4) < 0x10 && kinds.includes(ascii(b, at + formAt + 8, 4)) ? format : null;
const ilbm = iffForm("ilbm", ["ILBM", "PBM "]);
const djvu = iffForm("djvu", ["DJVU", "DJVM", "DJVI"], 4);

const NEEDLES: readonly Needle[] = [
  // PNG, MNG and JNG differ in their first two bytes only ("\x89PNG", "\x8aMNG", "\x8bJNG").
  needle("NG\r\n\x1a\n", (b, at, strict) => raster.png(b, at, strict) ?? raster.mng(b, at, strict) ?? raster.jng(b, at, strict), { shift: 2 }),
  needle([0xff, 0xd8, 0xff], raster.jpeg),
  needle("GIF8", raster.gif),
  needle("WEBPVP8", raster.webp, { shift: 8 }),
  needle("ftyp", isoImage, { shift: 4 }),
  // JP2 and the JPEG XL container share the tail of their 12-byte signature box; searching
  // from its leading zeros would stop at every zero byte (~25 ms on 5 MB of zeros).
  needle([0x0d, 0x0a, 0x87, 0x0a], (b, at, strict) => raster.jp2(b, at, strict) ?? raster.jxlContainer(b, at, strict), { shift: 8 }),
  needle([0xff, 0x4f, 0xff, 0x51], raster.j2k),
  needle("qoif", raster.qoi),
  needle("DDS ", raster.dds),
  needle("8BPS", raster.psd),
  needle([0x76, 0x2f, 0x31, 0x01], raster.exr),
  needle("#?R", raster.hdr, { scope: "both" }), // "#?RADIANCE" and "#?RGBE"
  needle("BM", raster.bmp),
  needle("TRUEVISION-XFILE.\0", raster.tgaFooter),
  needle("\u00abKTX ", (b, at) => (matches(b, at + 5, "11\u00bb\r\n\x1a\n") || matches(b, at + 5, "20\u00bb\r\n\x1a\n") ? "ktx" : null)),
  // ILBM ("FORM....ILBM") and DjVu ("AT&TFORM....DJVU").
  needle("FORM", (b, at, strict) => ilbm(b, at, strict) ?? (matches(b, at - 4, "AT&T") ? djvu(b, at - 4, strict) : null)),
  needle("FUJIFILMCCD-RAW ", (b, at) => (matches(b, at, "FUJIFILMCCD-RAW ") && b.subarray(at + 16, at + 64).includes(0) ? "raf" : null)),
  needle("II", tiff, { next: "*+RU" }), // II*\0, II+\0, IIRO, IIRS, IIU\0
  needle("MM", tiff, { next: [0x00, 0x4f] }), // MM\0*, MM\0+, MMOR
  // Formats without a strong signature, confirmed by their whole header and data.
  needle("farbfeld", raster.farbfeld),
  needle([0xc5, 0xd0, 0xd3, 0xc6], epsBinary),
  needle("%!PS", postscript(false)),
  needle("%!PS", postscript(true), { scope: "text", everyHitInText: true }),
  needle("P", netpbm(false), { next: NETPBM_KINDS }),
  needle("P", netpbm(true), { scope: "text", next: NETPBM_KINDS_IN_TEXT, everyHitInText: true }),
  needle([0x3c, 0, 0x73, 0, 0x76, 0], svgUtf16),
  needle("[]", cSourceImage), // XPM and XBM arrays
  // Last: short needles that ordinary binary data matches often, so their caps bite first.
  needle([0x01, 0x00], iconDirectory, { shift: 2, next: Array.from({ length: MAX_ICON_ENTRIES }, (_, i) => i + 1) }),
  needle([0x02, 0x00], iconDirectory, { shift: 2, next: Array.from({ length: MAX_ICON_ENTRIES }, (_, i) => i + 1) }),
  // PCX from its version and encoding bytes: its leading 0A (a line feed) is everywhere in text.
  needle([0x05, 0x01], pcx, { shift: 1 }),
];

/** The first image found at any offset, checked strictly (see raster-checks.ts). `text` says
 *  the buffer is valid UTF-8 without controls, where only text-scoped needles are searched. */
export function carveImage(buf: Buffer, text = false): Finding {
  const acceptableText = text && buf.length <= TEXT_LIMIT;
  let budget = MAX_HITS;
  for (const { bytes, scope, shift, check, next, everyHitInText } of NEEDLES) {
    if (scope !== "both" && (scope === "text") !== text) continue;
    const capped = !(everyHitInText && acceptableText);
    let confirmations = 0;
    let stops = 0;
    // A one-byte needle is searched as a number: memchr, without the multi-byte search's setup.
    const sought = bytes.length === 1 ? (bytes[0] as number) : bytes;
    for (let hit = buf.indexOf(sought); hit !== -1; hit = buf.indexOf(sought, hit + 1)) {
      if (next && next[buf[hit + bytes.length] as number] !== 1) {
        if (++stops >= MAX_STOPS && capped) break;
        continue;
      }
      if (capped && (confirmations++ >= MAX_HITS_PER_SIGNATURE || budget-- <= 0)) break;
      const found = check(buf, hit - shift, hit - shift !== 0);
      if (found) return found;
    }
  }
  return null;
}
