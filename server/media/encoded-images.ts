// Images written out as base64 or hex inside text: a JSON field, an e-mail part, an RTF \pict
// group, a C array of bytes. Long runs are decoded and handed back to the byte detectors.
// Runs are found by one linear scan (a regex such as /[A-Za-z0-9+/]{64,}/ re-scans every word
// from every position), and all decoded runs are searched together in one buffer, so a text of
// many short runs costs one carving pass, not one per run.
import type { Finding } from "./verdict.ts";

/** Shortest run worth decoding: 32 base64 characters carry 24 bytes, enough for any header,
 *  and the smallest GIF (~26 bytes) still qualifies. Decoding prose by mistake costs nothing:
 *  the bytes are checked, not kept. */
export const MIN_RUN = 32;
/** Total decoded bytes looked at per input, so a 5 MB wall of base64 stays within budget. */
const DECODE_BUDGET = 8 * 1024 * 1024;

type Detect = (bytes: Buffer) => Finding;

// Base64 (standard and URL-safe) plus line breaks, which MIME inserts every 76 characters.
const BASE64 = charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_\r\n");
// Hex digits plus what separates bytes in dumps and C arrays: spaces, commas, "0x".
const HEX = charTable("0123456789abcdefABCDEFxX, \t\r\n");

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** Maximal runs of table characters at least `min` long. A blank line ends a run, so the
 *  body of a MIME part does not start with the header line above it. */
function runs(text: string, table: Uint8Array, min: number): string[] {
  const found: string[] = [];
  let start = -1;
  let lineStart = 0;
  const end = (i: number) => {
    if (start !== -1 && i - start >= min) found.push(text.slice(start, i));
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || !table[c]) end(i);
    else if (c === 0x0a && start !== -1 && (i === lineStart || (i === lineStart + 1 && text.charCodeAt(lineStart) === 0x0d))) end(i);
    else if (start === -1) start = i;
    if (c === 0x0a) lineStart = i + 1;
  }
  end(text.length);
  return found;
}

/** The run as written, and without its first line when that line is shorter than the next:
 *  a label ("photo") rather than the first line of a wrapped encoding. */
function alignments(run: string): string[] {
  const lines = run.split(/\r?\n/);
  const whole = lines.join("");
  const first = lines[0] as string;
  return lines.length > 1 && first.length < (lines[1] as string).length ? [whole, whole.slice(first.length)] : [whole];
}

/**
 * `atStart` checks each decoded run's first bytes (formats only recognised at offset 0);
 * `detect` then searches all decoded runs at once.
 */
export function encodedImage(text: string, atStart: Detect, detect: Detect): Finding {
  const decoded: Buffer[] = [];
  let budget = DECODE_BUDGET;
  const take = (bytes: Buffer) => {
    if (budget <= 0 || bytes.length === 0) return null;
    const kept = bytes.subarray(0, budget);
    budget -= kept.length;
    decoded.push(kept, GAP);
    return atStart(kept);
  };
  for (const run of runs(text, BASE64, MIN_RUN)) {
    for (const aligned of alignments(run)) {
      const found = take(Buffer.from(aligned, "base64"));
      if (found) return found;
    }
  }
  for (const run of runs(text, HEX, MIN_RUN)) {
    const digits = run.replace(/0x/gi, "").replace(/[^0-9A-Fa-f]/g, "");
    if (digits.length < 2 * MIN_RUN) continue;
    const found = take(Buffer.from(digits, "hex")) ?? take(Buffer.from(digits.slice(1), "hex"));
    if (found) return found;
  }
  return decoded.length > 0 ? detect(Buffer.concat(decoded)) : null;
}

// Between decoded runs, so a signature cannot be assembled from the end of one run and the
// start of the next.
const GAP = Buffer.alloc(16, 0x55);
