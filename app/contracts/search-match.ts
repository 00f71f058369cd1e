// Where search terms occur in a piece of text, case-insensitively: used on the server to centre
// a result's snippet on the match and in the page to mark the matched words.

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** A global, case-insensitive pattern for any of the terms, with one capturing group (for split). */
export function termMatcher(terms: readonly string[]): RegExp | null {
  const parts = terms.filter(Boolean).map((term) => term.replace(SYNTAX, "\\$&"));
  return parts.length ? new RegExp(`(${parts.join("|")})`, "giu") : null;
}

/** The text in pieces, every odd piece a match: `["I was ", "afraid", " of it"]`. */
export function splitOnTerms(text: string, terms: readonly string[]): string[] {
  const matcher = termMatcher(terms);
  return matcher ? text.split(matcher) : [text];
}
