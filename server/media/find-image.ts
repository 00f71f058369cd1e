// Where every detector meets. Bytes first (signatures at offset 0, carving, gzip), then the same
// bytes read as text, then gzip members carved from binary data. Decoded payloads (gzip,
// base64, hex) go round again, a bounded number of times, so an image cannot hide behind a
// chain of encodings without the chain being refused.
import { carveImage } from "./carve.ts";
import { encodedImage } from "./encoded-images.ts";
import { carvedGzipMembers, gunzipBounded, isGzip, newInflateBudget, type InflateBudget } from "./gzip.ts";
import { headImage } from "./head-formats.ts";
import { isoImage } from "./iso-bmff.ts";
import * as raster from "./raster-checks.ts";
import { textImage } from "./text-images.ts";
import { decodeUtf16, textKind, type TextKind } from "./text-decoding.ts";
import { tiff } from "./tiff.ts";
import type { Finding } from "./verdict.ts";

/** How many decoding layers (gzip, base64, hex) are followed before giving up. */
const MAX_DEPTH = 3;

const STRONG_AT_START: readonly raster.Check[] = [
  raster.png,
  raster.jpeg,
  raster.gif,
  raster.webp,
  raster.bmp,
  raster.qoi,
  raster.dds,
  raster.psd,
  raster.exr,
  raster.hdr,
  raster.j2k,
  raster.jp2,
  raster.jxlContainer,
  raster.mng,
  raster.jng,
  isoImage,
  tiff,
];

/** Formats with a strong signature, read leniently because they sit at offset 0. */
export function strongImageAtStart(b: Buffer): Finding {
  for (const check of STRONG_AT_START) {
    const found = check(b, 0, false);
    if (found) return found;
  }
  return null;
}

export interface Examined {
  image: Finding;
  kind: TextKind;
  /** Latin-1 view of the bytes (see text-decoding.ts). */
  view: string;
}

/** Every check on one buffer, plus what the caller needs to explain a refusal. `budget` is
 *  shared by every level of one inspection (see gzip.ts). */
export function examine(b: Buffer, depth = 0, budget: InflateBudget = newInflateBudget()): Examined {
  const view = b.toString("latin1");
  const kind = textKind(b);
  const image =
    strongImageAtStart(b) ??
    headImage(b) ??
    // Valid text cannot hold most binary signatures (they contain NUL, controls or bytes that
    // are never UTF-8), so text is carved only for the ones it can.
    carveImage(b, kind === "text") ??
    (depth < MAX_DEPTH ? gzippedImage(b, depth, budget) : null) ??
    (kind === "binary" ? markupInBinary(b, view, depth, budget) : imageInText(view, depth, budget, depth === 0 && kind === "text")) ??
    // Last, as the costliest when it hits; only binary data can hold a gzip header (1F is a
    // control byte).
    (depth < MAX_DEPTH && kind === "binary" ? carvedGzipImage(b, depth, budget) : null);
  return { image, kind, view };
}

/** A gzipped image is named by what it holds, except an SVG, which is an svgz. */
const gzipped = (found: Finding): Finding => (found === "svg" ? "svgz" : found || null);

function gzippedImage(b: Buffer, depth: number, budget: InflateBudget): Finding {
  if (!isGzip(b)) return null;
  const inner = gunzipBounded(b);
  return gzipped(inner && examine(inner, depth + 1, budget).image);
}

/** Gzip members behind a prefix (an svgz glued after other bytes, a .tar.gz inside a file). */
function carvedGzipImage(b: Buffer, depth: number, budget: InflateBudget): Finding {
  for (const inner of carvedGzipMembers(b, budget)) {
    const found = gzipped(examine(inner, depth + 1, budget).image);
    if (found) return found;
  }
  return null;
}

/** Images written as text, and images encoded inside the text. In a file as it was sent
 *  (`asWritten`), markdown code is text and a data: URI is judged by what its payload decodes
 *  to; text decoded out of something else is read strictly. */
function imageInText(view: string, depth: number, budget: InflateBudget, asWritten = false): Finding {
  const judge = asWritten ? (bytes: Buffer) => examine(bytes, depth + 1, budget).image : undefined;
  return (
    textImage(view, { judge }) ??
    (depth < MAX_DEPTH
      ? encodedImage(
          view,
          (run) => imageAtRunStart(run, depth + 1, budget),
          (bytes) => examine(bytes, depth + 1, budget).image,
        )
      : null)
  );
}

/** The start of one decoded base64 or hex run: a strong signature, or a gzip stream (an svgz
 *  in base64). The weaker offset-0 formats are not tried: random runs would match them. */
function imageAtRunStart(run: Buffer, depth: number, budget: InflateBudget): Finding {
  return strongImageAtStart(run) ?? (depth < MAX_DEPTH ? gzippedImage(run, depth, budget) : null);
}

/** Binary bytes: UTF-16 text is read in full; otherwise only markup that renders by itself
 *  (SVG, data:image URIs), because nothing renders HTML found inside a binary file. */
function markupInBinary(b: Buffer, view: string, depth: number, budget: InflateBudget): Finding {
  const utf16 = decodeUtf16(b);
  if (utf16 !== null) {
    const found = imageInText(utf16, depth, budget);
    if (found) return found;
  }
  return /<svg[\s/>]/i.test(view) ? "svg" : /\bdata:\s*image\//i.test(view) ? "data-uri" : null;
}
