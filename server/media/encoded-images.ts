// Images written out as base64 or hex inside text: a JSON field, an e-mail part, an RTF \pict
// group, a C array of bytes. Long runs are decoded and handed back to the byte detectors. All
// decoded runs are searched together in one buffer, so a text of many short runs costs one
// carving pass, not one per run.
import type { Finding } from "./verdict.ts";

/** Shortest run worth decoding: 32 base64 characters carry 24 bytes, enough for any header,
 *  and the smallest GIF (~26 bytes) still qualifies. Decoding prose by mistake costs nothing:
 *  the bytes are checked, not kept. */
export const MIN_RUN = 32;
/** Total decoded bytes looked at per input, so a 5 MB wall of base64 stays within budget. */
const DECODE_BUDGET = 8 * 1024 * 1024;

type Detect = (bytes: Buffer) => Finding;

// Maximal runs of base64 (standard and URL-safe, with the line breaks MIME inserts) and of hex
// (digits, "0x", and the commas and spaces of dumps and C arrays). The lookbehind lets a match
// start only where a run starts, so each character is scanned once; without it the engine
// retries from every position inside every word.
const BASE64_RUNS = new RegExp(String.raw`(?<![A-Za-z0-9+/_\-\r\n])[A-Za-z0-9+/_\-\r\n]{${MIN_RUN},}`, "g");
const HEX_RUNS = new RegExp(String.raw`(?<![0-9A-Fa-fxX,\s])[0-9A-Fa-fxX,\s]{${2 * MIN_RUN},}`, "g");

/** Base64 runs, split at blank lines so that the body of a MIME part does not start with the
 *  header line above it. */
function base64Runs(text: string): string[] {
  const found: string[] = [];
  for (const [run] of text.matchAll(BASE64_RUNS)) {
    for (const part of run.split(/\r?\n\r?\n/)) if (part.length >= MIN_RUN) found.push(part);
  }
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

// Between decoded runs, so a signature cannot be assembled from the end of one run and the
// start of the next.
const GAP = Buffer.alloc(16, 0x55);

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
  for (const run of base64Runs(text)) {
    for (const aligned of alignments(run)) {
      const found = take(Buffer.from(aligned, "base64"));
      if (found) return found;
    }
  }
  for (const [run] of text.matchAll(HEX_RUNS)) {
    const digits = run.replace(/0x/gi, "").replace(/[^0-9A-Fa-f]/g, "");
    if (digits.length < 2 * MIN_RUN) continue;
    const found = take(Buffer.from(digits, "hex")) ?? take(Buffer.from(digits.slice(1), "hex"));
    if (found) return found;
  }
  return decoded.length > 0 ? detect(Buffer.concat(decoded)) : null;
}
