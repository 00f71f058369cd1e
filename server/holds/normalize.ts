// The text the hold detectors read: NFKC (full-width digits, letters, ＠ and ： become their
// ASCII forms, so "１３８ ００１３ ８０００" reads as a number), with invisible characters that
// split a pattern without showing (zero-width spaces and joiners, soft hyphens, BOM) dropped.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

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
