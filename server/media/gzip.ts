// Bounded gunzip, for gzipped SVG (.svgz) and other images hidden in a gzip stream. The output
// is capped so that a small "zip bomb" cannot take the process's memory: past the cap, only a
// prefix of the input is inflated (deflate expands at most ~1032:1), which still shows what
// the stream starts with. The header is parsed here and the body inflated raw, because zlib's
// gunzip refuses a stream with bytes after it (an svgz with HTML appended) where browsers and
// image viewers happily decode it.
import zlib from "node:zlib";
import { u16le, u8 } from "./byte-readers.ts";

/** Largest decompressed output inspected, in bytes. */
export const GUNZIP_LIMIT = 16 * 1024 * 1024;
const MAX_DEFLATE_RATIO = 1032;

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

export function isGzip(b: Uint8Array): boolean {
  return b.length >= 18 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08;
}

/** Where the deflate body starts (RFC 1952, section 2.3), or -1 for a malformed header. */
function bodyStart(b: Uint8Array): number {
  const flags = u8(b, 3);
  let at = 10;
  if (flags & FEXTRA) at += 2 + u16le(b, at);
  for (const field of [FNAME, FCOMMENT]) {
    if (flags & field) {
      const end = b.indexOf(0, at);
      if (end === -1) return -1;
      at = end + 1;
    }
  }
  if (flags & FHCRC) at += 2;
  return at < b.length ? at : -1;
}

/** The decompressed bytes (possibly a prefix), or null when the stream is not valid gzip. */
export function gunzipBounded(b: Uint8Array): Buffer | null {
  const start = bodyStart(b);
  if (start < 0) return null;
  const body = b.subarray(start);
  // SYNC_FLUSH returns what was inflated from a truncated stream instead of throwing.
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: GUNZIP_LIMIT };
  try {
    return zlib.inflateRawSync(body, options);
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_BUFFER_TOO_LARGE") return null;
  }
  try {
    return zlib.inflateRawSync(body.subarray(0, Math.floor(GUNZIP_LIMIT / MAX_DEFLATE_RATIO)), options);
  } catch {
    return null;
  }
}
