// `data:` URIs carry their content inline, so any of them can be an image (or a script): none
// may survive in member text or rendered HTML (docs/architecture.md, "Media guard"). The scheme is matched
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

/**
 * What one data: URI found in text is, for the guard:
 * - `decoded`: an image type whose payload really decodes to an image (or is image markup):
 *   an image wherever it is written, code included;
 * - `used`: an image type written where something would load it (an attribute value, a
 *   markdown link destination or definition, CSS `url(`, an autolink), disguised with
 *   entities, escapes or breaks, or followed by markup: an image outside code;
 * - `mention`: `data:image/...` written as words ("a data URI looks like
 *   data:image/png;base64, followed by text"), with nothing decodable after it: text;
 * - `other`: any other type (text/html, none): removed outside code, as before.
 */
export type DataUriRole = "decoded" | "used" | "mention" | "other";

export type JudgeBytes = (bytes: Buffer) => string | null;

const ENTITY = /&(?:colon|sol|tab|newline);|&#x0*([0-9a-f]+);?|&#0*(\d+);?/gi;
const NAMED: Record<string, string> = { "&colon;": ":", "&sol;": "/", "&tab;": "\t", "&newline;": "\n" };

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (all, hex?: string, dec?: string) => {
    if (hex) return String.fromCodePoint(Math.min(0x10ffff, parseInt(hex, 16)));
    if (dec) return String.fromCodePoint(Math.min(0x10ffff, Number(dec)));
    return NAMED[all.toLowerCase()] ?? all;
  });
}

// Just before the URI: `=` or `="` (an attribute), `](` or `](<` (a link), `url(` (CSS), `<`
// (an autolink), or `[label]:` at a line start (a definition).
const USED_BEFORE = /(?:=\s*["']?|\]\(\s*<?|url\(\s*["']?|<|^ {0,3}\[[^\]\n]+\]:\s*<?)\s*$/i;
/** How much of a payload is decoded to judge it: every image header fits. */
const PAYLOAD_LIMIT = 256 * 1024;

export function dataUriRole(text: string, m: RegExpExecArray, judge: JudgeBytes): DataUriRole {
  const written = m[0];
  const plain = decodeEntities(written)
    .replace(/[\t\n\r]/g, "")
    .replace(/^data\\:/i, "data:");
  const header = /^data:\s*([^,]*),?/i.exec(plain);
  const type = (header?.[1] ?? "").trim().toLowerCase();
  if (!/^image\s*\//.test(type)) return "other";
  const payload = plain.slice(header?.[0].length ?? plain.length, (header?.[0].length ?? 0) + PAYLOAD_LIMIT);
  if (payload && carriesImage(payload, type.includes(";base64"), judge)) return "decoded";
  if (!/^data:/i.test(written)) return "used";
  const lineStart = text.lastIndexOf("\n", m.index - 1) + 1;
  const before = text.slice(Math.max(lineStart, m.index - 200), m.index).trimEnd();
  // Each use ends in one of these characters; prose before a URI mostly does not.
  if (/[=("'<:]$/.test(before) && USED_BEFORE.test(before)) return "used";
  const after = text[m.index + written.length];
  if (!payload && (after === "<" || after === "&")) return "used";
  return "mention";
}

/** The payload as base64 (flagged or not: either way it could be decoded by hand) and as
 *  percent-encoded bytes. */
function carriesImage(payload: string, flagged: boolean, judge: JudgeBytes): boolean {
  let raw = payload;
  if (payload.includes("%")) {
    try {
      raw = decodeURIComponent(payload);
    } catch {
      raw = payload.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    }
  }
  const base64 = raw.replace(/\s+/g, "");
  if ((flagged || /^[A-Za-z0-9+/_-]{8,}={0,2}$/.test(base64)) && judge(Buffer.from(base64, "base64"))) return true;
  // As bytes written out: only when something was percent-decoded or the payload is not plain
  // base64 letters (which cannot spell a signature or markup by themselves).
  if (raw === payload && /^[A-Za-z0-9+/=_-]*$/.test(payload)) return false;
  return judge(Buffer.from(raw, "latin1")) !== null || judge(Buffer.from(raw, "utf8")) !== null;
}
