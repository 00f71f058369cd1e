// Bounded gunzip, for gzipped SVG (.svgz) and other images hidden in a gzip stream. The output
// is capped so that a small "zip bomb" cannot take the process's memory: past the cap, only a
// prefix of the input is inflated (deflate expands at most ~1032:1), which still shows what
// the stream starts with. The header is parsed here and the body inflated raw, because zlib's
// gunzip refuses a stream with bytes after it (an svgz with HTML appended) where browsers and
// image viewers happily decode it.
//
// Gzip members inside other data (carving) get a smaller cap each and share one budget per
// inspection, across every nesting level: a file of many small bombs inflates a few of them
// and no more.
import zlib from "node:zlib";
import { asBuffer, u16le, u8 } from "./byte-readers.ts";

/** Largest decompressed output inspected, in bytes. */
export const GUNZIP_LIMIT = 16 * 1024 * 1024;
/** Largest output inflated from one gzip member found inside other data. */
export const CARVED_GUNZIP_LIMIT = 1024 * 1024;
/** Output inflated from carved members in one inspection, all of them and all depths. */
export const CARVED_GUNZIP_BUDGET = 4 * 1024 * 1024;
/** Header hits looked at, and members inflated, per buffer. */
const MAX_MEMBER_HITS = 4096;
const MAX_MEMBERS = 64;
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

/** The decompressed bytes (possibly a prefix), or null when the stream is not valid gzip.
 *  `spent`, when given, is told how many bytes were inflated, a refused attempt included. */
export function gunzipBounded(b: Uint8Array, limit = GUNZIP_LIMIT, spent?: (bytes: number) => void): Buffer | null {
  const start = bodyStart(b);
  if (start < 0) return null;
  const body = b.subarray(start);
  // SYNC_FLUSH returns what was inflated from a truncated stream instead of throwing.
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: limit };
  try {
    const out = zlib.inflateRawSync(body, options);
    spent?.(out.length);
    return out;
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_BUFFER_TOO_LARGE") return null;
    spent?.(limit);
  }
  try {
    const out = zlib.inflateRawSync(body.subarray(0, Math.floor(limit / MAX_DEFLATE_RATIO)), options);
    spent?.(out.length);
    return out;
  } catch {
    return null;
  }
}

/** What carving may still inflate in this inspection (see CARVED_GUNZIP_BUDGET). */
export interface InflateBudget {
  left: number;
}

export const newInflateBudget = (): InflateBudget => ({ left: CARVED_GUNZIP_BUDGET });

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);
const OS_UNKNOWN = 255;

/** A member header that RFC 1952 allows: reserved flag bits clear, extra flags 0, 2 or 4, a
 *  known operating system, and a first deflate block of a defined type (RFC 1951, 3.2.3). */
function plausibleMember(b: Uint8Array, at: number): boolean {
  const xfl = u8(b, at + 8);
  const os = u8(b, at + 9);
  if ((u8(b, at + 3) & 0xe0) !== 0 || (xfl !== 0 && xfl !== 2 && xfl !== 4) || (os > 13 && os !== OS_UNKNOWN)) return false;
  const body = bodyStart(b.subarray(at));
  return body > 0 && ((u8(b, at + body) >> 1) & 3) !== 3;
}

/** Inflated gzip members found after offset 0, each capped at CARVED_GUNZIP_LIMIT and all of
 *  them within `budget`. Invalid streams are skipped. */
export function* carvedGzipMembers(b: Uint8Array, budget: InflateBudget): Generator<Buffer> {
  const buf = asBuffer(b);
  let hits = 0;
  let members = 0;
  for (let at = buf.indexOf(GZIP_MAGIC, 1); at !== -1 && hits < MAX_MEMBER_HITS && members < MAX_MEMBERS; at = buf.indexOf(GZIP_MAGIC, at + 1), hits++) {
    if (budget.left <= 0) return;
    if (!plausibleMember(buf, at)) continue;
    members++;
    const inner = gunzipBounded(buf.subarray(at), Math.min(CARVED_GUNZIP_LIMIT, budget.left), (bytes) => (budget.left -= bytes));
    if (inner && inner.length > 0) yield inner;
  }
}
