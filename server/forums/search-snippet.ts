// A search result shows a little plain text around the match — never HTML. The markdown source
// is stripped crudely here and the page escapes whatever is left (React text, not innerHTML).
import { termMatcher } from "#app/contracts/search-match.ts";

export const SNIPPET_LENGTH = 200;
const BEFORE_MATCH = 60;
const WORD_SLACK = 25;

export function plainText(markdown: string) {
  return markdown
    .replace(/^[ \t]*(`{3,}|~{3,}).*$/gm, " ")
    .replace(/^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/gm, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]*)>/g, "$1")
    .replace(/<\/?[a-zA-Z!][^>]*>/g, " ")
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, "")
    .replace(/^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)/gm, "")
    .replace(/\*+|~~|`+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])|\|/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** At most about SNIPPET_LENGTH characters of plain text, from a little before the first match. */
export function snippet(markdown: string, terms: readonly string[]) {
  const text = plainText(markdown);
  if (text.length <= SNIPPET_LENGTH) return text;
  const at = Math.max(0, text.search(termMatcher(terms) ?? /$^/));
  let start = Math.max(0, Math.min(at - BEFORE_MATCH, text.length - SNIPPET_LENGTH));
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  // Cut between words when the text has spaces near the cut (Chinese has none: any character will do).
  const space = text.indexOf(" ", start);
  if (start > 0 && space !== -1 && space < Math.min(at, start + WORD_SLACK)) start = space + 1;
  const lastSpace = text.lastIndexOf(" ", end);
  if (end < text.length && lastSpace > Math.max(start, end - WORD_SLACK)) end = lastSpace;
  // Never cut a character written as a surrogate pair (an emoji) in half.
  if (isLowSurrogate(text.charCodeAt(start))) start++;
  if (isLowSurrogate(text.charCodeAt(end))) end--;
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}

function isLowSurrogate(code: number) {
  return code >= 0xdc00 && code <= 0xdfff;
}
