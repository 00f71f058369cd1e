// Watched words (setting `moderation.watched_words`): each word or phrase set to hold, block or
// flag by an admin, matched case-insensitively after NFKC. A word in a Latin (or any spaced)
// script matches whole words only ("ass" is not in "class"); a word with Chinese, Japanese or
// Korean characters matches anywhere, since those scripts put no spaces between words.
import type { WatchAction } from "#server/settings/keys.ts";
import { CJK } from "./normalize.ts";

export interface WatchedWord {
  word: string;
  action: WatchAction;
}

const fold = (s: string) => s.normalize("NFKC").toLocaleLowerCase("en").replace(/\s+/g, " ").trim();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Which of the words occur in the text (already normalised by the caller). */
export function matchWatchedWords(text: string, words: readonly WatchedWord[]): WatchedWord[] {
  const folded = fold(text);
  return words.filter(({ word }) => {
    const w = fold(word);
    if (!w) return false;
    if (CJK.test(w)) return folded.includes(w);
    // Spaces inside a phrase match any run of spaces; edges are word boundaries in any script.
    const pattern = escapeRegExp(w).replace(/ /g, "\\s+");
    return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])${pattern}(?![\\p{L}\\p{M}\\p{N}_])`, "u").test(folded);
  });
}
