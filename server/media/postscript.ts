// PostScript and EPS found at any offset (carving). At offset 0 "%!PS" alone decides
// (head-formats.ts); elsewhere the program must really begin there: "%!PS" at the start of a
// line, then either the DSC header ("%!PS-Adobe-3.0", which promises header comments, and the
// first "%%" comment on the next line: Adobe DSC 3.0, section 4) or, for a bare "%!PS", path
// drawing with numeric operands ("72 500 moveto"), which prose does not write. A DSC header
// with another keyword than EPSF ("%!PS-Adobe-3.0 Resource-Encoding": fonts, encodings,
// procedure sets, as Vim and Ghostscript ship them) announces a resource that draws nothing.
// DOS EPS files wrap the PostScript in a binary header whose offsets must all agree.
import { atLineStart, latin1, matches, u16le, u32le, u8 } from "./byte-readers.ts";
import type { Check } from "./raster-checks.ts";

/** Bytes read behind "%!PS": the header line and the start of the program. */
const WINDOW = 256;

const DSC_HEADER = /^%!PS-Adobe-\d\.\d(?:[ \t]+(EPSF-\d\.\d))?[ \t]*\r?\n%%[A-Z][A-Za-z]*(?::|\r?\n)/;
const BARE_HEADER = /^%!PS[ \t]*\r?\n/;
// Unambiguous (a dot is required before the fraction), so long digit runs cannot backtrack.
const NUMBER = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)`;
const DRAWING = new RegExp(String.raw`(?:^|\s)${NUMBER}\s+${NUMBER}\s+(?:r?moveto|r?lineto|translate|scale|rectfill|rectstroke)(?=\s|$)`, "m");

/** `inText`: only at the start of a line; in binary data also right after binary bytes. */
export const postscript =
  (inText: boolean): Check =>
  (b, at) => {
    if (!matches(b, at, "%!PS") || !atLineStart(b, at, !inText)) return null;
    // Cheap refusals first: text may repeat "%!PS" at line starts thousands of times.
    const after = u8(b, at + 4);
    if (after === 0x2d) {
      const dsc = DSC_HEADER.exec(latin1(b, at, 64));
      return dsc ? (dsc[1] ? "eps" : "postscript") : null;
    }
    if (after !== 0x0a && after !== 0x0d && after !== 0x20 && after !== 0x09) return null;
    // The program up to the next "%!PS", so that repeated headers are each read briefly.
    const window = latin1(b, at, WINDOW);
    const next = window.indexOf("%!PS", 4);
    const head = next < 0 ? window : window.slice(0, next);
    return BARE_HEADER.test(head) && DRAWING.test(head) ? "postscript" : null;
  };

const EPS_MAGIC = [0xc5, 0xd0, 0xd3, 0xc6];
const EPS_HEADER_SIZE = 30;

/** DOS EPS binary header (Adobe TN 5002, section "Encapsulated PostScript Files"): PostScript,
 *  WMF and TIFF sections, each absent (offset and length 0) or lying inside the data behind
 *  the header; the PostScript section present and starting with "%!PS", the TIFF preview
 *  with a TIFF header, the WMF preview with a metafile header. */
export const epsBinary: Check = (b, at) => {
  if (!matches(b, at, EPS_MAGIC)) return null;
  const size = b.length - at;
  const section = (field: number, starts: (p: number) => boolean) => {
    const offset = u32le(b, at + field);
    const length = u32le(b, at + field + 4);
    if (offset === 0 && length === 0) return field !== 4;
    return offset >= EPS_HEADER_SIZE && length >= 4 && offset + length <= size && starts(at + offset);
  };
  const ps = section(4, (p) => matches(b, p, "%!PS"));
  const wmf = section(12, (p) => matches(b, p, [0xd7, 0xcd, 0xc6, 0x9a]) || ((u16le(b, p) === 1 || u16le(b, p) === 2) && u16le(b, p + 2) === 9));
  const tiff = section(20, (p) => matches(b, p, "II*\0") || matches(b, p, "MM\0*"));
  return ps && wmf && tiff ? "eps" : null;
};
