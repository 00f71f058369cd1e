// What a reader typed into /search, made into terms: NFKC (so full-width letters and the
// ideographic space read as their plain forms), control characters dropped, spaces collapsed.
// Every term must match; Chinese is written without spaces, so a term is matched as a substring.

/** Shorter than this, a query would match nearly every post: it is not run. */
export const MIN_QUERY_LENGTH = 2;
const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;

export interface SearchQuery {
  /** The query as it will be searched and shown again in the search box. */
  text: string;
  /** Distinct terms, longest first: the first drives the trigram index scan. */
  terms: string[];
}

export function parseSearchQuery(raw: string): SearchQuery {
  const clean = raw
    .normalize("NFKC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  const text = [...clean].slice(0, MAX_QUERY_LENGTH).join("").trim();
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const term of text.split(" ")) {
    const key = term.toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  terms.sort((a, b) => length(b) - length(a));
  return { text, terms: terms.slice(0, MAX_TERMS) };
}

/** In characters (code points), as a reader counts them: "照片" is two. */
export function length(term: string) {
  return [...term].length;
}

/** The query can be run: at least one term is long enough to mean something. */
export function searchable(query: SearchQuery) {
  return query.terms.length > 0 && length(query.terms[0]!) >= MIN_QUERY_LENGTH;
}

/** A LIKE pattern matching `term` anywhere; `\`, `%` and `_` in it stand for themselves. */
export function likePattern(term: string) {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True for terms without upper or lower case (Chinese, digits): LIKE finds them without ILIKE's case folding. */
export function caseless(term: string) {
  return term.toLowerCase() === term && term.toUpperCase() === term;
}
