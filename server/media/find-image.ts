// Where every detector meets: bytes first (signatures at offset 0, then carving, then gzip),
// then the same bytes read as text. Decoded payloads (gzip, base64, hex) go round again, a
// bounded number of times, so an image cannot hide behind a chain of encodings without the
// chain itself being refused.
import { carveImage } from "./carve.ts";
import { encodedImage } from "./encoded-images.ts";
import { gunzipBounded, isGzip } from "./gzip.ts";
import { headImage } from "./head-formats.ts";
import { isoImage } from "./iso-bmff.ts";
import * as raster from "./raster-checks.ts";
import { textImage } from "./text-images.ts";
import { decodeText, decodeUtf16 } from "./text-decoding.ts";
import { tiff } from "./tiff.ts";
import type { Finding } from "./verdict.ts";

/** How many decoding layers (gzip, base64, hex) are followed before giving up. */
const MAX_DEPTH = 3;

const AT_START: readonly raster.Check[] = [
  raster.png, raster.jpeg, raster.gif, raster.webp, raster.bmp, raster.qoi, raster.dds, raster.psd,
  raster.exr, raster.hdr, raster.j2k, raster.jp2, raster.jxlContainer, raster.mng, raster.jng,
  isoImage, tiff,
];

/** Image formats recognised from the first bytes alone. */
export function imageAtStart(b: Buffer): Finding {
  for (const check of AT_START) {
    const found = check(b, 0, false);
    if (found) return found;
  }
  return headImage(b);
}

/** Binary evidence: a signature at the start, carved anywhere, or inside a gzip stream. */
export function imageInBytes(b: Buffer, depth = 0): Finding {
  return imageAtStart(b) ?? carveImage(b) ?? (depth < MAX_DEPTH ? gzippedImage(b, depth) : null);
}

function gzippedImage(b: Buffer, depth: number): Finding {
  if (!isGzip(b)) return null;
  const inner = gunzipBounded(b);
  const found = inner && findImage(inner, depth + 1);
  return found === "svg" ? "svgz" : found || null;
}

/** Textual evidence: image formats written as text, and encoded images inside the text. */
export function imageInText(text: string, depth = 0): Finding {
  return (
    textImage(text) ??
    (depth < MAX_DEPTH ? encodedImage(text, imageAtStart, (bytes) => findImage(bytes, depth + 1)) : null)
  );
}

/** Every check, on bytes of unknown kind (a decoded payload). */
export function findImage(b: Buffer, depth: number): Finding {
  const found = imageInBytes(b, depth);
  if (found) return found;
  const decoded = decodeText(b);
  if (decoded.kind === "text") return imageInText(decoded.text, depth);
  return markupInBinary(b, decoded.kind === "invalid-utf8", depth);
}

/**
 * Bytes that are not UTF-8 text. Text in another encoding (no control characters: Latin-1,
 * Windows-1252) and UTF-16 text are read in full; real binary only for markup that renders by
 * itself (SVG, data:image URIs), because nothing renders HTML found inside a binary file.
 */
export function markupInBinary(b: Buffer, textLike: boolean, depth: number): Finding {
  if (textLike) return imageInText(b.toString("latin1"), depth);
  const utf16 = decodeUtf16(b);
  if (utf16 !== null) {
    const found = imageInText(utf16, depth);
    if (found) return found;
  }
  const latin1 = b.toString("latin1");
  return /<svg[\s/>]/i.test(latin1) ? "svg" : /\bdata:\s*image\//i.test(latin1) ? "data-uri" : null;
}
