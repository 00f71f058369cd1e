// The rules behind inspect() that the corpus does not show one file at a time: content decides
// and claims never do, the 256 KB line, UTF-8 validity, polyglots, bounded decoding, and time.
import zlib from "node:zlib";
import { expect, test } from "vitest";
import { inspect } from "#server/media/inspect.ts";
import { TEXT_LIMIT } from "#server/media/verdict.ts";
import { gif, jpeg, png, qoi } from "#tests/fixtures/media/binary-images.ts";
import { randomBytes } from "#tests/fixtures/media/other-files.ts";
import { svg } from "#tests/fixtures/media/text-images.ts";

const text = (s: string) => Buffer.from(s, "utf8");

test("the file name and declared type never change the verdict", () => {
  const claims = [
    {},
    { name: "notes.txt", declaredType: "text/plain" },
    { name: "photo.jpg", declaredType: "image/jpeg" },
    { name: "", declaredType: "application/pdf" },
  ];
  for (const bytes of [png(), text("just words\n"), text("%PDF-1.4\n%%EOF\n"), randomBytes(256, 5)]) {
    const verdicts = claims.map((claim) => inspect(bytes, claim));
    for (const verdict of verdicts) expect(verdict).toEqual(verdicts[0]);
  }
});

test("text is accepted up to exactly 256 KB and refused one byte later", () => {
  expect(TEXT_LIMIT).toBe(262_144);
  expect(inspect(Buffer.alloc(TEXT_LIMIT, "a"))).toEqual({ verdict: "text", format: "text" });
  expect(inspect(Buffer.alloc(TEXT_LIMIT + 1, "a"))).toEqual({ verdict: "rejected", format: "text", reason: "too-large" });
  expect(inspect(new Uint8Array(0))).toEqual({ verdict: "text", format: "text" });
});

test("an image is an image at any size: a large SVG is not merely 'too large'", () => {
  const big = Buffer.concat([text(`<!-- ${"x".repeat(TEXT_LIMIT)} -->\n`), svg()]);
  expect(inspect(big)).toEqual({ verdict: "image", format: "svg" });
});

test("invalid UTF-8 is refused on both sides of the size limit (fatal decoder and isUtf8 agree)", () => {
  const invalid = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xbd], [0x80], [0xff], [0xf8, 0x88, 0x80, 0x80, 0x80]];
  for (const sequence of invalid) {
    for (const size of [100, TEXT_LIMIT + 100]) {
      const bytes = Buffer.concat([Buffer.alloc(size, "a"), Buffer.from(sequence), text(" end")]);
      expect(inspect(bytes), `${sequence} at ${size}`).toEqual({ verdict: "rejected", format: "text", reason: "invalid-utf8" });
    }
  }
  const valid = text("平安 \u{1f64f} \u00e9");
  expect(inspect(Buffer.concat([Buffer.alloc(100, "a"), valid]))).toEqual({ verdict: "text", format: "text" });
  expect(inspect(Buffer.concat([Buffer.alloc(TEXT_LIMIT, "a"), valid]))).toEqual({ verdict: "rejected", format: "text", reason: "too-large" });
});

test("control characters make text binary, except tab, line feed, form feed and carriage return", () => {
  expect(inspect(text("a\tb\nc\fd\re"))).toEqual({ verdict: "text", format: "text" });
  for (const c of [0x00, 0x01, 0x07, 0x08, 0x0b, 0x1b, 0x7f]) expect(inspect(Buffer.from([0x61, c, 0x62])).verdict, `0x${c.toString(16)}`).toBe("rejected");
});

test("a GIF header followed by JavaScript is a GIF; prose that names GIF89a is text", () => {
  expect(inspect(text("GIF89a/*\u00ff*/=1;alert(document.cookie)"))).toEqual({ verdict: "image", format: "gif" });
  expect(inspect(text("I saved it as GIF89a format, with care.\n"))).toEqual({ verdict: "text", format: "text" });
});

test("literal image markup in text is an image, except where markdown shows it as code", () => {
  expect(inspect(text('```html\n<img src="x.png">\n```\n')).verdict).toBe("text");
  expect(inspect(text('<img src="x.png">\n```\nafter\n```\n')).verdict).toBe("image");
  expect(inspect(text("The <img> tag and the word image are fine in prose? No: a literal tag counts.\n")).verdict).toBe("image");
  expect(inspect(text("I saw an image, an img, an imgur link, and new URL(path).\n")).verdict).toBe("text");
});

test("a page's icon and its link-preview picture make HTML an image; other links and metadata do not", () => {
  for (const html of [
    '<head><link rel="icon" href="/me.png"></head>',
    "<link rel=apple-touch-icon href=me.png>",
    '<link href="me.ico" rel="shortcut icon">',
    '<meta property="og:image" content="https://example.org/me.jpg">',
    "<meta name=twitter:image content=me.jpg>",
  ]) {
    expect(inspect(text(html)), html).toEqual({ verdict: "image", format: "html-image" });
  }
  for (const html of [
    '<link rel="stylesheet" href="a.css"><meta name="description" content="an image of hope">',
    "<link rel=stylesheet title=icon href=a.css>",
    "The icon on my phone; og:image is a tag name.\n",
  ]) {
    expect(inspect(text(html)).verdict, html).toBe("text");
  }
});

test("base64 images are found in JSON, with a label line, wrapped or not, and the smallest GIF counts", () => {
  const b64 = png().toString("base64");
  expect(inspect(text(`{"a":"${b64}"}`))).toEqual({ verdict: "image", format: "png" });
  expect(inspect(text(`photo\n${b64.replace(/.{1,60}/g, "$&\n")}`))).toEqual({ verdict: "image", format: "png" });
  expect(inspect(text(`x ${gif().toString("base64")} y`))).toEqual({ verdict: "image", format: "gif" });
  expect(inspect(text(`jpeg=${jpeg().toString("base64url")}`))).toEqual({ verdict: "image", format: "jpeg" });
  // Several runs: an image in any of them is found, not only in the first.
  expect(inspect(text(`${"QUJD".repeat(20)} ${"WFla".repeat(30)} ${qoi().toString("base64")}`))).toEqual({ verdict: "image", format: "qoi" });
});

test("a base64 run that decodes to a short, weak signature (JPEG XL's FF 0A) stays text", () => {
  expect(inspect(text(`token: /wo${"A".repeat(60)} end\n`))).toEqual({ verdict: "text", format: "text" });
});

test("long base64 and hex that decode to nothing are still text", () => {
  const noise = randomBytes(3000, 11);
  expect(inspect(text(`key: ${noise.toString("base64")}\nsum: ${noise.toString("hex")}\n`))).toEqual({ verdict: "text", format: "text" });
});

test("nested gzip is followed three layers deep and no further", () => {
  // Each layer also compresses padding, so that deflate codes the inner stream rather than
  // storing it verbatim: a stored inner stream is plainly in the bytes, and carving finds it
  // one layer less deep (next test).
  const wrap = (inner: Buffer) => zlib.gzipSync(Buffer.concat([inner, Buffer.alloc(4096, " ")]));
  const three = wrap(wrap(wrap(svg())));
  expect(inspect(three)).toEqual({ verdict: "image", format: "svgz" });
  expect(inspect(wrap(three))).toEqual({ verdict: "rejected", format: "gzip", reason: "not-text" });
});

test("a gzip stream stored verbatim inside another is carved like any member in the bytes", () => {
  let three = svg();
  for (let i = 0; i < 3; i++) three = zlib.gzipSync(three);
  expect(inspect(zlib.gzipSync(three, { level: 0 }))).toEqual({ verdict: "image", format: "svgz" });
});

test("a gzip bomb is refused quickly without inflating it all", () => {
  const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const started = performance.now();
  expect(inspect(bomb)).toEqual({ verdict: "rejected", format: "gzip", reason: "not-text" });
  expect(performance.now() - started).toBeLessThan(5000);
});

test("thousands of fake signatures of one kind do not hide an image of another", () => {
  const decoys = Buffer.alloc(600_000, "BM\0\0");
  expect(inspect(Buffer.concat([decoys, png()]))).toEqual({ verdict: "image", format: "png" });
});

test("UTF-16 SVG without a byte-order mark is still an SVG", () => {
  expect(inspect(Buffer.from(svg().toString("latin1"), "utf16le"))).toEqual({ verdict: "image", format: "svg" });
});

// The benchmark (tests/bench/media.ts) measures the real figure; this only catches a
// pathological regression, with room for a loaded CI machine.
test("a 5 MB upload is decided without pathological slowness, text-like or binary", () => {
  const prose = Buffer.alloc(5 * 1024 * 1024, "我今天感觉好一些了。The quick brown fox, again.\n");
  const binary = randomBytes(5 * 1024 * 1024, 3);
  for (const bytes of [prose, binary]) {
    inspect(bytes);
    const times = [1, 2, 3].map(() => {
      const started = performance.now();
      inspect(bytes);
      return performance.now() - started;
    });
    expect(Math.min(...times)).toBeLessThan(1500);
  }
});
