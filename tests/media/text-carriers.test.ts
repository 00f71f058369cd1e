// Text that talks about images is text; text that carries one is an image (issue 8). The same
// rules for a post body (scrubImages, what is stored), its rendering, and an uploaded .md/.txt
// file (inspect): image syntax shown as code is text, a `data:image/` prefix with nothing
// decodable after it is text, and whatever decodes to an image (a data: payload, a base64 or
// hex run, wrapped or not) is an image wherever it is, code included.
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { inspect } from "#server/media/inspect.ts";
import { renderMarkdown } from "#server/media/render-markdown.ts";
import { scrubImages } from "#server/media/scrub-text.ts";
import { gif, jpeg, pngOf } from "#tests/fixtures/media/binary-images.ts";
import { svg } from "#tests/fixtures/media/text-images.ts";

const upload = (text: string) => inspect(Buffer.from(text, "utf8"), { name: "notes.md" });
const kept = (text: string) => scrubImages(text);
const PNG16 = pngOf(16, 16);
const b64 = PNG16.toString("base64");

const HANDBOOK = [
  "# Moderators' handbook",
  "",
  "A data URI looks like data:image/png;base64, followed by text. Members sometimes paste one.",
  "Written out it is `data:image/png;base64,` and then the encoded bytes (data:image/jpeg;base64,...).",
  "",
  "Markdown shows an image with `![alt](url)`, HTML with `<img src>`; an attacker may try `<img src=x onerror=alert(1)>`.",
  "",
  "```markdown",
  "![alt](https://example.org/photo.jpg)",
  '<img src="https://example.org/photo.jpg" alt="">',
  '<a href="data:image/png;base64,AAAA">x</a>',
  "```",
  "",
  "    indented code: ![alt](url) and <img src=x>",
  "",
  "Thank you for keeping people safe. 谢谢你们。",
  "",
].join("\n");

test("a moderators' handbook that only talks about images is text, uploaded and posted", () => {
  expect(upload(HANDBOOK)).toEqual({ verdict: "text", format: "markdown" });
  expect(inspect(Buffer.from(HANDBOOK), { name: "handbook.txt" }).verdict).toBe("text");
  expect(kept(HANDBOOK)).toEqual({ text: HANDBOOK, removed: [] });
});

test("image syntax in code is shown as code, never as an image", () => {
  const html = renderMarkdown(HANDBOOK);
  expect(html).toContain("<code>&lt;img src=x onerror=alert(1)&gt;</code>");
  expect(html).toContain("![alt](https://example.org/photo.jpg)");
  expect(html).toContain("data:image/png;base64, followed by text");
  expect(html).not.toMatch(/<img|<a [^>]*href="data/i);
  for (const source of ["`<img src=x onerror=alert(1)>`", "``![a](b.png)``", "```\n<img src=x>\n```", "~~~\n![a](b.png)\n~~~", "    <img src=x>"]) {
    expect(kept(source).removed, source).toEqual([]);
    expect(upload(source).verdict, source).toBe("text");
  }
});

test("the same syntax outside code is still an image", () => {
  for (const source of [
    "![alt](https://example.org/photo.jpg)",
    "<img src=x>",
    "`code` then <img src=x> then `code`",
    "``not closed ![a](b.png)",
    "\\`escaped` ![a](b.png)",
    "> quoted\n\n![a](b.png)",
    "```\ncode\n```\n![a](b.png)",
    // Inside an HTML block backticks make no code in renderers that allow HTML.
    "<div>\n`<img src=x>`\n</div>",
    // A whole HTML document: browsers ignore markdown fences.
    "<html><body>\n```\n<img src=x>\n```\n</body></html>",
    // An HTML tag holding a backtick comes before a code span (CommonMark 6.1).
    "<a title='`'>![i](u.png)`",
  ]) {
    expect(scrubImages(source).removed.length, source).toBeGreaterThan(0);
    expect(upload(source).verdict, source).toBe("image");
  }
});

test("data: URIs are judged by what they carry", () => {
  // Nothing decodable: words about the format.
  for (const mention of [
    "data:image/png;base64, followed by text",
    "data:image/png;base64,...",
    "data:image/gif;base64,AAAA is a zero pixel",
    "DATA:image/svg+xml;utf8,x",
  ]) {
    expect(upload(mention).verdict, mention).toBe("text");
    expect(kept(mention).removed, mention).toEqual([]);
  }
  // A real image after the prefix, in prose or in code: an image.
  for (const carrier of [
    `data:image/png;base64,${b64}`,
    "data:image/png;base64,iVBORw0KGgo=",
    `\`data:image/jpeg;base64,${jpeg().toString("base64")}\``,
    `\`\`\`\ndata:image/gif;base64,${gif().toString("base64")}\n\`\`\``,
    `data:image/svg+xml,${encodeURIComponent(svg().toString())}`,
    "data:image/png,%89PNG%0D%0A%1A%0A%00%00%00%0DIHDR",
  ]) {
    expect(upload(carrier).verdict, carrier).toBe("image");
    expect(kept(carrier).removed.length, carrier).toBeGreaterThan(0);
    expect(renderMarkdown(carrier), carrier).not.toMatch(/data:image/);
  }
  // Where a browser would load it, or disguised: an image outside code, whatever it holds.
  for (const used of [
    '<a href="data:image/png;base64,AAAA">x</a>',
    "[x](data:image/png;base64,AAAA)",
    "[r]: data:image/png;base64,AAAA",
    "<data:image/png;base64,AAAA>",
    "d&#97;ta:image/png,x",
    "data:image/svg+xml,<svg onload=alert(1)>",
  ]) {
    expect(upload(used).verdict, used).toBe("image");
    expect(kept(used).removed.length, used).toBeGreaterThan(0);
  }
});

test("a PNG as base64 or hex in a post body is removed, plain, wrapped, indented, quoted or glued", () => {
  const wrapped = b64.replace(/.{1,76}/g, "$&\n");
  for (const [name, text] of [
    ["plain", `Here is me: ${b64}`],
    ["wrapped at 76 columns", `Here is me:\n\n${wrapped}\nbye`],
    ["wrapped with CR LF", `x\r\n${b64.replace(/.{1,76}/g, "$&\r\n")}`],
    ["indented as code", `x\n\n${wrapped.replace(/^/gm, "    ")}`],
    ["quoted", `x\n\n${wrapped.replace(/^/gm, "> ")}`],
    ["in a code span", `\`${b64}\``],
    ["glued to a word", `photo${b64}`],
    ["glued to a longer word", `myphoto${b64}`],
    ["url-safe alphabet", b64.replace(/\+/g, "-").replace(/\//g, "_")],
    ["hex", `bytes: ${PNG16.toString("hex")}`],
    ["hex as a C array", [...PNG16].map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(", ")],
    [
      "hex dump with spaces",
      PNG16.toString("hex")
        .replace(/(..)/g, "$1 ")
        .replace(/(.{48})/g, "$1\n"),
    ],
    ["a JPEG in base64", jpeg().toString("base64")],
    ["an SVG in base64", svg().toString("base64")],
  ] as const) {
    const result = scrubImages(text);
    expect(result.removed.length, name).toBeGreaterThan(0);
    // What is left does not decode to the image any more.
    const left = result.text.replace(/[^A-Za-z0-9+/]/g, "");
    expect(Buffer.from(left, "base64").includes(PNG16.subarray(0, 16)), name).toBe(false);
    expect(result.text.includes(PNG16.toString("hex").slice(0, 32)), name).toBe(false);
    expect(upload(text).verdict, name).toBe("image");
  }
  expect(scrubImages(`Here is me: ${b64}`).removed.map((r) => r.kind)).toEqual(["png"]);
  expect(scrubImages(`Here is me: ${b64}`).text).toBe("Here is me:  ");
});

test("near misses stay: random base64, a hash list, a PGP block, long words, Chinese", () => {
  const pgp = `-----BEGIN PGP MESSAGE-----\n\n${randomBytes(600)
    .toString("base64")
    .replace(/.{1,64}/g, "$&\n")}=Xb2c\n-----END PGP MESSAGE-----`;
  for (const [name, text] of [
    ["base64 of random bytes", randomBytes(3000).toString("base64")],
    [
      "wrapped base64 of random bytes",
      randomBytes(3000)
        .toString("base64")
        .replace(/.{1,76}/g, "$&\n"),
    ],
    ["a hash list", Array.from({ length: 40 }, () => `${randomBytes(32).toString("hex")}  file.txt`).join("\n")],
    ["hex digests in a row", Array.from({ length: 40 }, () => randomBytes(20).toString("hex")).join(" ")],
    ["a PGP block", pgp],
    ["an SSH key", `ssh-ed25519 ${randomBytes(51).toString("base64")} me@laptop`],
    ["a long URL", `https://example.org/${"a1b2c3d4".repeat(20)}/page?token=${randomBytes(40).toString("base64url")}`],
    ["Chinese prose", "我今天感觉好一些了。谢谢大家的支持！这不是我的错。".repeat(20)],
  ] as const) {
    expect(scrubImages(text), name).toEqual({ text, removed: [] });
    expect(upload(text).verdict, name).toBe("text");
  }
});

test("a fence left open is not code, and hostile backtick runs stay linear", () => {
  expect(upload("```\n<img src=x>\n").verdict).toBe("image");
  expect(scrubImages("```\n<img src=x>\n").removed.length).toBe(1);
  expect(upload("> ```\n> <img src=x>\n> ```\n").verdict).toBe("text");
  expect(upload("- ```\n  <img src=x>\n  ```\n").verdict).toBe("text");
  const started = performance.now();
  // One real code span, then 20,000 runs that never close (each a different length pattern).
  const hostile = `\`a\` ${Array.from({ length: 20_000 }, (_, i) => "`".repeat((i % 50) + 2)).join(" x ")} <img src=x>`;
  expect(scrubImages(hostile).removed.length).toBe(1);
  expect(upload(hostile).verdict).toBe("image");
  expect(performance.now() - started).toBeLessThan(3000);
});
