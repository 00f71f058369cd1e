// Where every detector meets. Bytes first (signatures at offset 0, carving, gzip), then the same
// bytes read as text. Decoded payloads (gzip, base64, hex) go round again, a bounded number of
// times, so an image cannot hide behind a chain of encodings without the chain being refused.
import { carveImage } from "./carve.ts";
import { encodedImage } from "./encoded-images.ts";
import { gunzipBounded, isGzip } from "./gzip.ts";
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
  raster.png, raster.jpeg, raster.gif, raster.webp, raster.bmp, raster.qoi, raster.dds, raster.psd,
  raster.exr, raster.hdr, raster.j2k, raster.jp2, raster.jxlContainer, raster.mng, raster.jng,
  isoImage, tiff,
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

/** Every check on one buffer, plus what the caller needs to explain a refusal. */
export function examine(b: Buffer, depth = 0): Examined {
  const view = b.toString("latin1");
  const kind = textKind(b);
  const image =
    strongImageAtStart(b) ??
    headImage(b) ??
    // Valid text cannot hold most binary signatures (they contain NUL, controls or bytes that
    // are never UTF-8), so text is carved only for the ones it can.
    carveImage(b, kind === "text") ??
    (depth < MAX_DEPTH ? gzippedImage(b, depth) : null) ??
    (kind === "binary" ? markupInBinary(b, view, depth) : imageInText(view, depth));
  return { image, kind, view };
}

function gzippedImage(b: Buffer, depth: number): Finding {
  if (!isGzip(b)) return null;
  const inner = gunzipBounded(b);
  const found = inner && examine(inner, depth + 1).image;
  return found === "svg" ? "svgz" : found || null;
}

/** Images written as text, and images encoded inside the text. */
function imageInText(view: string, depth: number): Finding {
  return (
    textImage(view) ??
    (depth < MAX_DEPTH ? encodedImage(view, (run) => imageAtRunStart(run, depth + 1), (bytes) => examine(bytes, depth + 1).image) : null)
  );
}

/** The start of one decoded base64 or hex run: a strong signature, or a gzip stream (an svgz
 *  in base64). The weaker offset-0 formats are not tried: random runs would match them. */
function imageAtRunStart(run: Buffer, depth: number): Finding {
  return strongImageAtStart(run) ?? (depth < MAX_DEPTH ? gzippedImage(run, depth) : null);
}

/** Binary bytes: UTF-16 text is read in full; otherwise only markup that renders by itself
 *  (SVG, data:image URIs), because nothing renders HTML found inside a binary file. */
function markupInBinary(b: Buffer, view: string, depth: number): Finding {
  const utf16 = decodeUtf16(b);
  if (utf16 !== null) {
    const found = imageInText(utf16, depth);
    if (found) return found;
  }
  return /<svg[\s/>]/i.test(view) ? "svg" : /\bdata:\s*image\//i.test(view) ? "data-uri" : null;
}
