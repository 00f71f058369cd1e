// Bounds-checked reads: every detector looks at attacker-chosen bytes, so a read past the end
// answers -1 (never a plausible value) instead of undefined arithmetic.
export function u8(b: Uint8Array, at: number): number {
  return at >= 0 && at < b.length ? (b[at] as number) : -1;
}

export function u16le(b: Uint8Array, at: number): number {
  return at >= 0 && at + 2 <= b.length ? (b[at] as number) | ((b[at + 1] as number) << 8) : -1;
}

export function u16be(b: Uint8Array, at: number): number {
  return at >= 0 && at + 2 <= b.length ? ((b[at] as number) << 8) | (b[at + 1] as number) : -1;
}

export function u32le(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) return -1;
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16)) + (b[at + 3] as number) * 0x1000000;
}

export function u32be(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) return -1;
  return (b[at] as number) * 0x1000000 + (((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number));
}

/** True when the bytes at `at` equal `sig` (a latin1 string or byte list). */
export function matches(b: Uint8Array, at: number, sig: string | readonly number[]): boolean {
  if (at < 0 || at + sig.length > b.length) return false;
  for (let i = 0; i < sig.length; i++) {
    const want = typeof sig === "string" ? sig.charCodeAt(i) : sig[i];
    if (b[at + i] !== want) return false;
  }
  return true;
}

/** Latin1 text of a byte range, for short ASCII fields such as a TIFF Make tag. */
export function ascii(b: Uint8Array, at: number, length: number): string {
  const end = Math.min(b.length, at + length);
  let s = "";
  for (let i = Math.max(0, at); i < end; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

/** The same bytes as a Buffer (no copy), for its native searches. */
export function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** Latin1 text of a byte range, decoded natively: for header windows of a few hundred bytes
 *  that carving reads thousands of times (ascii() builds its string one character at a time). */
export function latin1(b: Uint8Array, at: number, length: number): string {
  const start = Math.max(0, at);
  return asBuffer(b).toString("latin1", start, Math.min(b.length, start + length));
}

/** Whether `at` starts a line: the start of the data (after a UTF-8 byte-order mark too) or
 *  after a line break, or (with `orAfterBinary`) right after a byte that no text contains,
 *  where binary data ends and an embedded text-written file begins. Prose that merely quotes
 *  a signature mid-line never is. */
export function atLineStart(b: Uint8Array, at: number, orAfterBinary: boolean): boolean {
  const prev = u8(b, at - 1);
  if (prev === -1 || prev === 0x0a || prev === 0x0d || (at === 3 && matches(b, 0, [0xef, 0xbb, 0xbf]))) return true;
  return orAfterBinary && (prev < 0x09 || (prev > 0x0d && prev < 0x20) || prev >= 0x7f);
}
