// Known non-image formats, named so that a refusal can say what arrived (and moderators can
// count it). Everything here is refused as `rejected: not-text`; images found inside them by
// carving are decided earlier and win.
import { ascii, matches, u8 } from "./byte-readers.ts";
import { ftypBrands } from "./iso-bmff.ts";

type Sig = readonly [at: number, sig: string | readonly number[], format: string];

const SIGNATURES: readonly Sig[] = [
  [0, "%PDF-", "pdf"],
  [0, [0x1f, 0x8b], "gzip"],
  [0, "BZh", "bzip2"],
  [0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], "xz"],
  [0, [0x28, 0xb5, 0x2f, 0xfd], "zstd"],
  [0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], "7z"],
  [0, "Rar!\x1a\x07", "rar"],
  [257, "ustar", "tar"],
  [0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "ole"], // .doc, .xls, .ppt, .msi
  [0, "{\\rtf", "rtf"],
  [0, "\x7fELF", "elf"],
  [0, "MZ", "exe"],
  [0, [0xca, 0xfe, 0xba, 0xbe], "mach-o"],
  [0, [0xcf, 0xfa, 0xed, 0xfe], "mach-o"],
  [0, [0xce, 0xfa, 0xed, 0xfe], "mach-o"],
  [0, "\0asm", "wasm"],
  [0, "SQLite format 3\0", "sqlite"],
  [0, "ID3", "mp3"],
  [0, "OggS", "ogg"],
  [0, "fLaC", "flac"],
  [0, "MThd", "midi"],
  [0, "#!AMR", "amr"],
  [0, ".snd", "au"],
  [0, "FLV\x01", "flv"],
  [0, [0x1a, 0x45, 0xdf, 0xa3], "matroska"],
  [0, [0x30, 0x26, 0xb2, 0x75], "asf"],
  [0, [0x00, 0x00, 0x01, 0xba], "mpeg"],
  [0, [0x00, 0x00, 0x01, 0xb3], "mpeg"],
  [0, "wOFF", "woff"],
  [0, "wOF2", "woff2"],
  [0, "OTTO", "otf"],
  [0, [0x00, 0x01, 0x00, 0x00, 0x00], "ttf"],
];

const RIFF_KINDS: Record<string, string> = { WAVE: "wav", "AVI ": "avi", AVIX: "avi", CDDA: "cda", RMID: "midi" };

/** The name of a known non-image format at offset 0, or null. */
export function containerFormat(b: Uint8Array): string | null {
  if (matches(b, 0, "PK\x03\x04") || matches(b, 0, "PK\x05\x06") || matches(b, 0, "PK\x07\x08")) return zipKind(b);
  if (matches(b, 0, "RIFF")) return RIFF_KINDS[ascii(b, 8, 4)] ?? "riff";
  if (matches(b, 0, "FORM") && /^AIF[FC]$/.test(ascii(b, 8, 4))) return "aiff";
  if (ftypBrands(b, 4)) return ascii(b, 8, 2) === "qt" ? "mov" : "mp4";
  // MPEG audio frame: 11 sync bits, a known version, layer II or III (layer I's FF FE/FF FF
  // would swallow UTF-16 byte-order marks), and a usable bitrate and sample rate.
  const version = (u8(b, 1) >> 3) & 3;
  const layer = (u8(b, 1) >> 1) & 3;
  if (u8(b, 0) === 0xff && (u8(b, 1) & 0xe0) === 0xe0 && version !== 1 && (layer === 1 || layer === 2) && u8(b, 2) >> 4 !== 15 && ((u8(b, 2) >> 2) & 3) !== 3)
    return "mp3";
  for (const [at, sig, format] of SIGNATURES) if (matches(b, at, sig)) return format;
  return null;
}

/** Office and e-book files are zips whose member names give them away. */
function zipKind(b: Uint8Array): string {
  const names = ascii(b, 0, 65536);
  if (names.includes("mimetypeapplication/epub+zip")) return "epub";
  if (names.includes("mimetypeapplication/vnd.oasis.opendocument")) return "odf";
  if (names.includes("word/")) return "docx";
  if (names.includes("xl/")) return "xlsx";
  if (names.includes("ppt/")) return "pptx";
  if (names.includes("META-INF/MANIFEST.MF")) return "jar";
  return "zip";
}
