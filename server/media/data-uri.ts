// `data:` URIs carry their content inline, so any of them can be an image (or a script): none
// may survive in member text or rendered HTML (DESIGN.md, "Media guard"). The scheme is matched
// however it is disguised on its way to a URL parser: letters as HTML character references
// (`&#100;ata:`), tabs and line breaks inside the scheme (which URL parsers drop), a
// backslash-escaped colon (markdown), `&colon;`.
const letter = (c: string) => {
  const code = c.charCodeAt(0);
  const refs = [code, code - 32].map((n) => `&#0*${n};?|&#x0*${n.toString(16)};?`).join("|");
  return `(?:${c}|${refs})`;
};
const GAP = String.raw`(?:[\t\n\r]|&Tab;|&NewLine;)*`;
const COLON = String.raw`(?:\\?:|&colon;|&#0*58;?|&#x0*3a;?)`;
const SCHEME = ["d", "a", "t", "a"].map(letter).join(GAP) + GAP + COLON;

// After the scheme, what makes it a data URI rather than prose ("data: 5 items", "my data:
// apples, pears"): a media type (`text/html`, `image/svg+xml`, spaces allowed around it), or,
// written tight against the colon, any token ending in `;` or `,` (`x,`, `;base64,`, `,hello`:
// a browser reads an invalid type as text/plain). The URI runs to the first character that
// ends a URL in markup or markdown.
const BODY = String.raw`(?:\s*[a-z][\w.+-]*\s*(?:\/|&sol;|&#0*47;?|&#x0*2f;?)|[\w.+-]*[;,])[^\s"'<>\`)\]]*`;

const SOURCE = String.raw`(?<![\w+.-])${SCHEME}${BODY}`;
const ANY = new RegExp(SOURCE, "i");
// Global, for String.replace and String.matchAll only. matchAll starts from this regex's
// lastIndex, so nothing may call exec or test on it (they would move lastIndex).
const EVERY = new RegExp(SOURCE, "gi");

/** Is there a data: URI anywhere in this text? */
export function hasDataUri(text: string): boolean {
  return ANY.test(text);
}

/** Every data: URI in the text, with its index. */
export function dataUris(text: string): IterableIterator<RegExpExecArray> {
  return text.matchAll(EVERY);
}

/** The text with every data: URI replaced. */
export function replaceDataUris(text: string, replacement: string): string {
  return text.replace(EVERY, replacement);
}
