// The generated fixture corpus (tests/fixtures/media/generate.ts): every image format plain and
// disguised, legitimate English and Chinese text, and files that must be refused, each with its
// expected verdict. One test per file, so a failure names the format and the disguise.
import { expect, test } from "vitest";
import { inspect } from "#server/media/inspect.ts";
import { corpus, IMAGE_FORMATS } from "#tests/fixtures/media/generate.ts";

const entries = corpus();

test("the corpus covers every required format and all four disguises", () => {
  const formats = new Set(IMAGE_FORMATS.map((f) => f.format));
  for (const required of [
    "jpeg",
    "png",
    "apng",
    "gif",
    "webp",
    "avif",
    "heic",
    "heif",
    "jxl",
    "jp2",
    "j2k",
    "tiff",
    "bigtiff",
    "cr2",
    "nef",
    "arw",
    "dng",
    "orf",
    "rw2",
    "bmp",
    "ico",
    "cur",
    "psd",
    "pcx",
    "tga",
    "qoi",
    "dds",
    "exr",
    "hdr",
    "pbm",
    "pgm",
    "ppm",
    "pam",
    "mng",
    "jng",
    "wbmp",
    "xbm",
    "xpm",
    "svg",
    "svgz",
    "postscript",
    "eps",
    "html-image",
    "markdown-image",
    "data-uri",
    "css-image",
  ]) {
    expect(formats, required).toContain(required);
  }
  for (const disguise of ["named .txt", "declared text/markdown", "behind random bytes", "with HTML appended"]) {
    expect(entries.filter((e) => e.name.endsWith(disguise)).length, disguise).toBe(IMAGE_FORMATS.length);
  }
  expect(entries.filter((e) => e.verdict === "text").length).toBeGreaterThanOrEqual(10);
  expect(entries.filter((e) => e.verdict === "rejected" && !e.name.includes("behind random bytes")).length).toBeGreaterThanOrEqual(15);
});

for (const entry of entries) {
  test(`${entry.verdict}: ${entry.name}`, () => {
    const verdict = inspect(entry.bytes, { name: entry.fileName, declaredType: entry.declaredType });
    const expected =
      entry.verdict === "rejected" ? { verdict: "rejected", format: entry.format, reason: entry.reason } : { verdict: entry.verdict, format: entry.format };
    expect(verdict).toEqual(expected);
  });
}
