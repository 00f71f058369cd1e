// Carving of the formats without a strong signature (issue 3: "an image signature after a
// prefix"): each is found behind text and behind binary bytes, and what merely looks like one
// (prose that quotes a header, C code with a #define, a broken gzip stream) is not an image.
import zlib from "node:zlib";
import { expect, test } from "vitest";
import { carvedGzipMembers, CARVED_GUNZIP_BUDGET, CARVED_GUNZIP_LIMIT, newInflateBudget } from "#server/media/gzip.ts";
import { inspect } from "#server/media/inspect.ts";
import * as bin from "#tests/fixtures/media/binary-images.ts";
import { bytes, u16le, u32be, u32le } from "#tests/fixtures/media/binary-images.ts";
import { randomBytes } from "#tests/fixtures/media/other-files.ts";
import * as txt from "#tests/fixtures/media/text-images.ts";

const TEXT_PREFIX = Buffer.from("Just my notes from today.\n今天好一些了。\n");
/** Binary data that ends in a byte no text contains, as where an embedded file begins. */
const BINARY_PREFIX = Buffer.concat([randomBytes(1000, 17), Buffer.from([0x00])]);
/** Binary data that ends in a letter: a text-written image must start a line, so there it
 *  is not one (the file stays refused as binary). */
const LETTER_PREFIX = Buffer.concat([randomBytes(1000, 17), Buffer.from("a")]);

const image = (format: string) => ({ verdict: "image", format });
const binary = { verdict: "rejected", format: "binary", reason: "binary" };
const behind = (prefix: Buffer, file: Buffer, suffix = "") => Buffer.concat([prefix, file, Buffer.from(suffix)]);

const svgUtf16BigEndian = () => Buffer.from(Buffer.from(txt.svg().toString("latin1"), "utf16le").swap16());
const barePostscript = () => Buffer.from("%!PS\n/Times-Roman findfont 12 scalefont setfont\n72 500 moveto (hello) show\nshowpage\n");

// [name, file, format, must start a line]
const CARVABLE: ReadonlyArray<readonly [string, () => Buffer, string, boolean]> = [
  ["cur", bin.cur, "cur", false],
  ["ico with a BMP", bin.icoBmp, "ico", false],
  ["pcx", bin.pcx, "pcx", false],
  ["raw pbm", bin.pbmBinary, "pbm", false],
  ["raw pgm", bin.pgmBinary, "pgm", false],
  ["raw ppm", bin.ppmBinary, "ppm", false],
  ["pam", bin.pam, "pam", false],
  ["pfm", bin.pfm, "pfm", false],
  ["farbfeld", bin.farbfeld, "farbfeld", false],
  ["binary eps", bin.epsBinary, "eps", false],
  ["svgz", txt.svgz, "svgz", false],
  ["svg in UTF-16LE", txt.svgUtf16, "svg", false],
  ["svg in UTF-16BE", svgUtf16BigEndian, "svg", false],
  ["xbm", txt.xbm, "xbm", false],
  ["xpm", txt.xpm, "xpm", false],
  ["xpm without its comment", txt.xpmNoComment, "xpm", false],
  ["plain pbm", txt.pbmAscii, "pbm", true],
  ["plain pgm", txt.pgmAscii, "pgm", true],
  ["plain ppm", txt.ppmAscii, "ppm", true],
  ["postscript", txt.postscript, "postscript", true],
  ["bare postscript", barePostscript, "postscript", true],
  ["eps", txt.eps, "eps", true],
];

for (const [name, file, format, startsLine] of CARVABLE) {
  test(`${name} is found behind text, behind binary bytes and with text after it`, () => {
    expect(inspect(behind(TEXT_PREFIX, file()))).toEqual(image(format));
    expect(inspect(behind(BINARY_PREFIX, file()))).toEqual(image(format));
    expect(inspect(behind(BINARY_PREFIX, file(), "\n<p>appended</p>\n"))).toEqual(image(format));
    expect(inspect(behind(LETTER_PREFIX, file()))).toEqual(startsLine ? binary : image(format));
  });
}

test("prose and code that quote a header stay text", () => {
  for (const prose of [
    "The header reads P3 100 200 and then come the pixels.\n",
    "P3 100 200\n",
    "Notes\nP3\n100 200\n255\n1 2 3\n", // far fewer samples than 100 × 200 × 3
    "Notes\nP2\n2 2\n9\n1 2 3 10\n", // a sample above maxval
    "Notes\nP1\n2 2\n0 1 2 0\n", // 2 is not a bit
    "Notes\nP6\n1 1\n255\nabc\n", // raw forms are not looked for in text
    "P1 2 3\nP2 4 5\nP3 6 7\n", // a table of codes at line starts
    "Start a file with %!PS and the printer takes it as PostScript.\n",
    "Notes\n%!PS\nis how they begin, my teacher said. 2 3 moves to the next.\n",
    "Notes\n%!PS-Adobe-3.0\nno header comments follow\n",
    "Notes\n%!PS-Adobe-3.0 Resource-Encoding\n%%Title: an encoding, not a drawing\n",
    "#define WIDTH 640\n#define HEIGHT 480\nint main(void) { return WIDTH * HEIGHT; }\n",
    "#define width 80\n#define height 24\nchar grid[height][width];\n",
    'static char *names[] = {"2 apples", "3 pears"};\n',
  ]) {
    expect(inspect(Buffer.from(prose)), prose).toMatchObject({ verdict: "text" });
  }
});

test("binary data with a near miss of each format stays refused as binary", () => {
  const pcx = (patch: (h: Buffer) => void) => {
    const file = bin.pcx();
    patch(file);
    return file;
  };
  const cur = (dibHeight: number) => {
    const file = bin.cur();
    file.writeUInt32LE(dibHeight, 22 + 8);
    return file;
  };
  const nearMisses: Array<[string, Buffer]> = [
    ["ppm promising more pixels", Buffer.concat([Buffer.from("P6\n1000 1000\n255\n"), randomBytes(100, 3)])],
    ["ppm header on one line", Buffer.concat([Buffer.from("P6 1 1 255 "), randomBytes(3, 3)])],
    ["pam without ENDHDR", Buffer.from("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\n\0")],
    ["farbfeld promising more pixels", bytes("farbfeld", u32be(100), u32be(100), new Uint8Array(8))],
    ["pcx with a filler byte set", pcx((h) => (h[100] = 1))],
    ["pcx with too few bytes per line", pcx((h) => h.writeUInt16LE(9, 8))], // 10 pixels wide, 2 bytes a line
    ["cur whose bitmap is not the entry's size", cur(5)],
    ["ico pointing past the end", bytes(u16le(0), u16le(1), u16le(1), [1, 1, 0, 0], u16le(1), u16le(32), u32le(4000), u32le(22), new Uint8Array(40))],
    ["eps whose PostScript lies past the end", bytes([0xc5, 0xd0, 0xd3, 0xc6], u32le(30), u32le(5000), new Uint8Array(18), "%!PS-Adobe-3.0 EPSF-3.0\n")],
    ["UTF-16 <svgx", Buffer.from("<svgx width='1'>", "utf16le")],
    [
      "gzip header and an invalid stream",
      Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.from([0xff, 0xff, 0xff]), randomBytes(200, 4)]),
    ],
    ["gzip of plain text", zlib.gzipSync(Buffer.from("only words in here\n"))],
    ["xbm with too few values", Buffer.from("#define x_width 16\n#define x_height 16\nstatic unsigned char x_bits[] = {\n 0x00, 0x01 };\n")],
    ["xpm promising two rows, with one", Buffer.from('/* XPM */\nstatic char *x[] = {\n"1 2 1 1",\n". c #000000",\n"."\n};\n')],
    ["postscript mid-line", Buffer.from("x%!PS-Adobe-3.0\n%%BoundingBox: 0 0 1 1\n")],
  ];
  for (const [name, file] of nearMisses) {
    expect(inspect(behind(BINARY_PREFIX, file)), name).toEqual(binary);
    expect(inspect(behind(BINARY_PREFIX, file, "\0")), `${name}, then a NUL`).toEqual(binary);
  }
});

test("after a UTF-8 byte-order mark, the text's first line is a line start", () => {
  expect(inspect(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), txt.ppmAscii()]))).toEqual(image("ppm"));
});

test("in text that could be accepted, every line-start %!PS and P1 is confirmed, not only the first thousands", () => {
  const decoys = (line: string) => Buffer.from(`notes\n${line.repeat(5000)}`);
  expect(inspect(Buffer.concat([decoys("%!PS\n"), txt.postscript()]))).toEqual(image("postscript"));
  expect(inspect(Buffer.concat([decoys("P1\n"), txt.ppmAscii()]))).toEqual(image("ppm"));
});

test("a gzip bomb behind a prefix is inflated only up to the carving cap", () => {
  const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const started = performance.now();
  expect(inspect(behind(BINARY_PREFIX, bomb))).toEqual(binary);
  // What the bomb starts with is still seen: an SVG in front of the zeros.
  const svgBomb = zlib.gzipSync(Buffer.concat([txt.svg(), Buffer.alloc(64 * 1024 * 1024, " ")]), { level: 9 });
  expect(inspect(behind(BINARY_PREFIX, svgBomb))).toEqual(image("svgz"));
  expect(performance.now() - started).toBeLessThan(5000);
});

test("carved gzip members share one budget: many bombs in a file inflate a few megabytes in all", () => {
  const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024), { level: 9 });
  const file = Buffer.concat([BINARY_PREFIX, ...Array.from({ length: 40 }, () => bomb)]);
  const sizes = [...carvedGzipMembers(file, newInflateBudget())].map((inner) => inner.length);
  expect(sizes.length).toBeGreaterThan(0);
  for (const size of sizes) expect(size).toBeLessThanOrEqual(CARVED_GUNZIP_LIMIT);
  expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(CARVED_GUNZIP_BUDGET);
  const started = performance.now();
  expect(inspect(file)).toEqual(binary);
  expect(performance.now() - started).toBeLessThan(2000);
});

// As in inspect-rules.test.ts: the benchmark measures the real figure; this only catches a
// pathological regression on shapes that repeat the new needles.
test("5 MB that repeats a new needle is decided without pathological slowness", () => {
  const MB5 = 5 * 1024 * 1024;
  for (const unit of ["%!PS\n", "P1\n", "P6\n9 9\n255\n", "#define x_width 8\n", "[] = {", "\u0005\u0001"]) {
    for (const bytes of [Buffer.alloc(MB5, unit), Buffer.concat([Buffer.from([0]), Buffer.alloc(MB5, unit)])]) {
      inspect(bytes);
      const started = performance.now();
      inspect(bytes);
      expect(performance.now() - started, JSON.stringify(unit)).toBeLessThan(1500);
    }
  }
});
