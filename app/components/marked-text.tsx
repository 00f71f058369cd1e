// Text with the searched-for words marked. Plain React text: nothing here is parsed as HTML.
import { splitOnTerms } from "#app/contracts/search-match.ts";

export function MarkedText({ text, terms }: { text: string; terms: readonly string[] }) {
  return <>{splitOnTerms(text, terms).map((piece, i) => (i % 2 === 1 ? <mark key={i}>{piece}</mark> : piece))}</>;
}
