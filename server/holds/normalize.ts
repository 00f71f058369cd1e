// The text the hold detectors read: NFKC (full-width digits, letters, ＠ and ： become their
// ASCII forms, so "１３８ ００１３ ８０００" reads as a number), with invisible characters that
// split a pattern without showing dropped: every format character (Unicode Cf: zero-width spaces
// and joiners, soft hyphens, BOM, bidi embeddings, overrides and isolates, the Arabic letter mark,
// tags) and the combining grapheme joiner.
const INVISIBLE = /\p{Cf}|\u034f|\u180e/gu;

export function normalizeForHolds(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "");
}

/** Replaces each match with spaces of the same length, so later patterns cannot see it and
 *  the positions of everything else stay where they were. */
export function mask(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => " ".repeat(m.length));
}

/** Han, kana and Hangul: scripts written without spaces between words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
