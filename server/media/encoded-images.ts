// Images written out as base64 or hex inside text: a JSON field, an e-mail part, an RTF \pict
// group, a C array of bytes. Long runs are decoded and handed back to the byte detectors. All
// decoded runs are searched together in one buffer, so a text of many short runs costs one
// carving pass, not one per run.
import { TEXT_LIMIT, type Finding } from "./verdict.ts";

/** Shortest run worth decoding: 32 base64 characters carry 24 bytes, enough for any header,
 *  and the smallest GIF (~26 bytes) still qualifies. Decoding prose by mistake costs nothing:
 *  the bytes are checked, not kept. */
export const MIN_RUN = 32;
/** Decoded bytes looked at per input. Text of up to 256 KB (the only text ever accepted)
 *  decodes to far less, so within the limit nothing is skipped; beyond it the file is refused
 *  either way, and the budget only keeps a 5 MB wall of base64 within the time budget. */
const DECODE_BUDGET = 1024 * 1024;

type Detect = (bytes: Buffer) => Finding;

// Which characters make up a run: base64 (standard and URL-safe, with the line breaks MIME
// inserts) and hex (digits, "0x", and the commas and spaces of dumps and C arrays).
const BASE64 = "A-Za-z0-9+/_\\-\\r\\n";
const HEX = "0-9A-Fa-fxX,\\s";

interface RunClass {
  /** 1 for characters of the class. */
  table: Uint8Array;
  /** Matches the rest of a run from `lastIndex` (a native scan, not a JavaScript loop). */
  rest: RegExp;
}

function runClass(chars: string): RunClass {
  const table = new Uint8Array(256);
  const single = new RegExp(`[${chars}]`);
  for (let c = 0; c < 256; c++) if (single.test(String.fromCharCode(c))) table[c] = 1;
  return { table, rest: new RegExp(`[${chars}]*`, "y") };
}

const BASE64_CLASS = runClass(BASE64);
const HEX_CLASS = runClass(HEX);

/**
 * Maximal runs of the class at least `min` long. A run that long always covers two
 * consecutive multiples of `min / 2`, so only those positions are probed, and a run is traced
 * out only around a probe pair that hits: prose costs about one look per `min / 2` characters
 * instead of one per character (as a regex over the whole text would).
 */
function* longRuns(text: string, cls: RunClass, min: number): Generator<string> {
  for (const [start, end] of longRunSpans(text, cls, min)) yield text.slice(start, end);
}

function* longRunSpans(text: string, { table, rest }: RunClass, min: number): Generator<[number, number]> {
  const step = Math.floor(min / 2);
  const inRun = (i: number) => {
    const c = i < text.length ? text.charCodeAt(i) : 0x100;
    return c < 0x100 && table[c] === 1;
  };
  let scannedTo = 0;
  for (let p = 0; p + step < text.length; p += step) {
    if (p < scannedTo || !inRun(p) || !inRun(p + step)) continue;
    // Such a run also covers everything between the probes: text of short runs ("P1\n" over
    // and over) fails here within a character or two, before any regex call.
    let gap = p + 1;
    while (gap < p + step && inRun(gap)) gap++;
    if (gap < p + step) continue;
    // The probe before failed, so the run starts less than `step` characters back.
    let start = p;
    while (start > scannedTo && inRun(start - 1)) start--;
    // A sticky `[...]*` always matches; test() moves lastIndex to the run's end without
    // building the matched string.
    rest.lastIndex = p;
    rest.test(text);
    const end = rest.lastIndex;
    if (end - start >= min) yield [start, end];
    scannedTo = end;
  }
}

/** Base64 runs, split at blank lines so that the body of a MIME part does not start with the
 *  header line above it. */
function* base64Runs(text: string): Generator<string> {
  for (const run of longRuns(text, BASE64_CLASS, MIN_RUN)) {
    if (!run.includes("\n")) yield run;
    else for (const part of run.split(/\r?\n\r?\n/)) if (part.length >= MIN_RUN) yield part;
  }
}

/** The run as written, and without its first line when that line is shorter than the next:
 *  a label ("photo") rather than the first line of a wrapped encoding. Only the first two
 *  lines are measured: splitting a 5 MB run of short lines ("P1\n" over and over) into
 *  strings, or String.replace over it, took ~200 ms. */
function alignments(run: string): string[] {
  const firstEnd = run.indexOf("\n");
  if (firstEnd === -1) return [run];
  const secondEnd = run.indexOf("\n", firstEnd + 1);
  const first = withoutLineBreaks(run.slice(0, firstEnd)).length;
  const second = withoutLineBreaks(run.slice(firstEnd + 1, secondEnd === -1 ? run.length : secondEnd)).length;
  const whole = withoutLineBreaks(run);
  return first < second ? [whole, whole.slice(first)] : [whole];
}

/** The run without CR and LF, copied byte by byte (runs are ASCII). */
function withoutLineBreaks(run: string): string {
  const bytes = Buffer.from(run, "latin1");
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c !== 0x0a && c !== 0x0d) bytes[n++] = c;
  }
  return bytes.toString("latin1", 0, n);
}

// Runs are joined into one base64 string and decoded once: each run padded with "A" (zero
// bits) to a whole number of 4-character groups, then a separator of "V"s (0x55 bytes) so that a
// signature cannot be assembled from the end of one run and the start of the next. Decoding
// ~100,000 short runs one by one costs far more than one decode of their concatenation.
const SEPARATOR = "V".repeat(20);
const SEPARATOR_BYTES = 15;
const SEPARATOR_BUFFER = Buffer.alloc(SEPARATOR_BYTES, 0x55);

/**
 * `atStart` checks each decoded run's first bytes (formats only recognised at offset 0);
 * `detect` then searches all decoded runs at once.
 */
export function encodedImage(text: string, atStart: Detect, detect: Detect): Finding {
  const parts: string[] = [];
  const starts: number[] = [];
  let bytes = 0;
  for (const run of base64Runs(text)) {
    if (bytes >= DECODE_BUDGET) break;
    for (const written of alignments(run)) {
      // The decoder skips a lone CR; the offsets below must count only what it decodes.
      const clean = written.includes("\r") ? written.replace(/\r/g, "") : written;
      const aligned = clean.slice(0, 4 * Math.ceil(Math.max(0, DECODE_BUDGET - bytes) / 3));
      const padded = aligned.length % 4 === 0 ? aligned : aligned + "AAA".slice(0, 4 - (aligned.length % 4));
      starts.push(bytes);
      parts.push(padded, SEPARATOR);
      bytes += (padded.length / 4) * 3 + SEPARATOR_BYTES;
    }
  }
  // The searched buffer starts with a separator too: offset 0 is where the weak, offset-0-only
  // formats are tried, and random decoded bytes must not be read as one of those.
  const decoded: Buffer[] = [SEPARATOR_BUFFER];
  if (parts.length > 0) {
    const all = Buffer.from(parts.join(""), "base64");
    for (const at of starts) {
      const found = atStart(all.subarray(at));
      if (found) return found;
    }
    decoded.push(all);
  }
  for (const run of longRuns(text, HEX_CLASS, 2 * MIN_RUN)) {
    if (bytes >= DECODE_BUDGET) break;
    const nibbles = hexNibbles(run, 2 * Math.min(HEX_RUN_LIMIT, DECODE_BUDGET - bytes));
    if (nibbles.length < 2 * MIN_RUN) continue;
    const whole = pack(nibbles, 0);
    // Also one digit later, in case the run starts with a stray digit.
    const found = atStart(whole) ?? atStart(pack(nibbles.subarray(0, 8192), 1));
    if (found) return found;
    decoded.push(whole, SEPARATOR_BUFFER);
    bytes += whole.length + SEPARATOR_BYTES;
  }
  return (decoded.length > 1 ? detect(Buffer.concat(decoded)) : null) ?? (parts.length > 0 && text.length <= TEXT_LIMIT ? shiftedImage(text, detect) : null);
}

/**
 * Base64 glued to a word ("photoiVBOR...") or starting mid-run decodes to noise at the run's
 * own alignment: the runs are decoded again starting one, two and three characters in, and
 * searched (carving finds the image a few bytes in). Only for text up to the 256 KB limit, the
 * only text ever kept: a larger file is refused whatever it holds, and three more decodes of
 * 5 MB of base64-like text ("BM" or "P1" repeated) doubled its verdict time.
 */
function shiftedImage(text: string, detect: Detect): Finding {
  for (let shift = 1; shift < 4; shift++) {
    const parts: string[] = [];
    let bytes = 0;
    for (const run of base64Runs(text)) {
      if (bytes >= DECODE_BUDGET / 3) break;
      const clean = withoutLineBreaks(run).slice(shift, shift + 4 * Math.ceil((DECODE_BUDGET / 3 - bytes) / 3));
      const padded = clean.length % 4 === 0 ? clean : clean + "AAA".slice(0, 4 - (clean.length % 4));
      parts.push(padded, SEPARATOR);
      bytes += (padded.length / 4) * 3 + SEPARATOR_BYTES;
    }
    const found = detect(Buffer.concat([SEPARATOR_BUFFER, Buffer.from(parts.join(""), "base64")]));
    if (found) return found;
  }
  return null;
}

/** Hex runs are decoded up to this many bytes each: an RTF picture or a C array is found by
 *  its header, and the digit-by-digit loop is the slowest decoder here. */
const HEX_RUN_LIMIT = 512 * 1024;

const NIBBLE = new Int8Array(256).fill(-1);
for (let c = 0; c < 16; c++) {
  NIBBLE["0123456789abcdef".charCodeAt(c)] = c;
  NIBBLE["0123456789ABCDEF".charCodeAt(c)] = c;
}

/** The hex digits of a run as values 0–15, "0x" prefixes and separators dropped. */
function hexNibbles(run: string, limit: number): Uint8Array {
  const out = new Uint8Array(Math.min(run.length, limit));
  let n = 0;
  for (let i = 0; i < run.length && n < out.length; i++) {
    const c = run.charCodeAt(i);
    if (c === 0x30 && (run.charCodeAt(i + 1) | 0x20) === 0x78) {
      i++;
      continue;
    }
    const v = c < 256 ? (NIBBLE[c] as number) : -1;
    if (v >= 0) out[n++] = v;
  }
  return out.subarray(0, n);
}

/** Bytes from nibble pairs, starting `skip` nibbles in. */
function pack(nibbles: Uint8Array, skip: number): Buffer {
  const out = Buffer.alloc(Math.floor((nibbles.length - skip) / 2));
  for (let i = 0; i < out.length; i++) out[i] = ((nibbles[skip + 2 * i] as number) << 4) | (nibbles[skip + 2 * i + 1] as number);
  return out;
}

/** A base64 or hex run in member text that decodes to an image: its place and the format. */
export interface EncodedSpan {
  start: number;
  end: number;
  format: string;
}

/** Lines of one base64 encoding may be indented or quoted ("> ") in markdown: runs separated
 *  only by such a line break are decoded together. A blank line ends the encoding. */
const WRAP = /^[ \t]*\r?\n[ \t>]*$/;

/**
 * For text fields (post bodies, titles, warnings, chat; at most a few tens of KB): every run
 * that decodes to an image, so that the run itself can be removed. Each run (and each group
 * of wrapped runs) is decoded on its own at all four base64 alignments, so an encoding glued
 * to a word or starting mid-line is found too; hex at both nibble alignments.
 */
export function encodedImageSpans(text: string, atStart: Detect, detect: Detect): EncodedSpan[] {
  const spans: EncodedSpan[] = [];
  const judge = (written: string): Finding => {
    const clean = withoutLineBreaks(written).replace(/[ \t>]/g, "");
    for (let shift = 0; shift < 4 && shift < clean.length; shift++) {
      const bytes = Buffer.from(clean.slice(shift, shift + 4 * Math.ceil(DECODE_BUDGET / 3)), "base64");
      const found = atStart(bytes) ?? detect(Buffer.concat([SEPARATOR_BUFFER, bytes]));
      if (found) return found;
    }
    return null;
  };
  const runs = [...longRunSpans(text, BASE64_CLASS, MIN_RUN)].flatMap(([start, end]) => splitAtBlankLines(text, start, end));
  let decoded = 0;
  for (let i = 0; i < runs.length && decoded < DECODE_BUDGET; ) {
    let j = i;
    while (j + 1 < runs.length && WRAP.test(text.slice(runs[j]![1], runs[j + 1]![0]))) j++;
    const [start, end] = [runs[i]![0], runs[j]![1]];
    decoded += ((end - start) * 3) / 4;
    const found = judge(text.slice(start, end)) ?? (j > i ? firstRunImage(text, runs.slice(i, j + 1), judge) : null);
    // Base64 padding is not in the run class; it goes with the run.
    const padded = text.startsWith("==", end) ? end + 2 : text[end] === "=" ? end + 1 : end;
    if (found) spans.push({ start, end: padded, format: found });
    i = j + 1;
  }
  for (const [runStart, runEnd] of longRunSpans(text, HEX_CLASS, 2 * MIN_RUN)) {
    if (decoded >= DECODE_BUDGET) break;
    const run = text.slice(runStart, runEnd);
    const nibbles = hexNibbles(run, 2 * HEX_RUN_LIMIT);
    if (nibbles.length < 2 * MIN_RUN) continue;
    decoded += nibbles.length / 2;
    const found = [0, 1]
      .map((skip) => pack(nibbles, skip))
      .reduce<Finding>((f, bytes) => f ?? atStart(bytes) ?? detect(Buffer.concat([SEPARATOR_BUFFER, bytes])), null);
    if (!found) continue;
    // The run class includes spaces and line breaks: the removal is the digits, not the margins.
    const lead = run.length - run.trimStart().length;
    spans.push({ start: runStart + lead, end: runStart + run.trimEnd().length, format: found });
  }
  return spans;
}

/** A group of wrapped runs whose lines are not whole base64 groups: each run on its own. */
function firstRunImage(text: string, runs: Array<[number, number]>, judge: (written: string) => Finding): Finding {
  for (const [start, end] of runs) {
    const found = judge(text.slice(start, end));
    if (found) return found;
  }
  return null;
}

function splitAtBlankLines(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const blank = /\r?\n\r?\n/g;
  blank.lastIndex = start;
  let from = start;
  for (let m = blank.exec(text); m && m.index < end; m = blank.exec(text)) {
    if (m.index - from >= MIN_RUN) out.push([from, m.index]);
    from = m.index + m[0].length;
  }
  if (end - from >= MIN_RUN) out.push([from, end]);
  return out;
}
