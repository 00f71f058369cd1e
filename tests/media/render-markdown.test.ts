// What members write keeps its meaning: code, lists, quotes, emphasis, tables, links and Chinese
// text render as intended, while images and raw HTML never do.
import { JSDOM } from "jsdom";
import { expect, test } from "vitest";
import v8 from "node:v8";
import vm from "node:vm";
import { trackNodeIteratorsStrongly } from "#server/media/jsdom-iterators.ts";
import { renderMarkdown, SANITIZER_VERSION } from "#server/media/render-markdown.ts";

const { window } = new JSDOM("");
const render = (source: string) => {
  const box = window.document.createElement("div");
  box.innerHTML = renderMarkdown(source);
  return box;
};

test("fenced code keeps its text exactly, including markup-looking text", () => {
  const source = '```ts\nconst img = load("x");\nif (a < b && b > c) { return `<div>`; }\n```';
  const code = render(source).querySelector("pre > code");
  expect(code?.textContent).toBe('const img = load("x");\nif (a < b && b > c) { return `<div>`; }\n');
  expect(code?.getAttribute("class")).toBeNull();
});

test("inline code, emphasis, strong and strikethrough", () => {
  const box = render("Use `npm test`, *gently*, **firmly**, ~~never~~.");
  expect(box.querySelector("code")?.textContent).toBe("npm test");
  expect(box.querySelector("em")?.textContent).toBe("gently");
  expect(box.querySelector("strong")?.textContent).toBe("firmly");
  expect(box.querySelector("s")?.textContent).toBe("never");
});

test("lists keep their order and start number", () => {
  const box = render("3. three\n4. four\n\n- a\n- b\n  - nested");
  expect(box.querySelector("ol")?.getAttribute("start")).toBe("3");
  expect([...box.querySelectorAll("ol > li")].map((li) => li.textContent)).toEqual(["three", "four"]);
  expect(box.querySelectorAll("ul li").length).toBe(3);
});

test("block quotes and horizontal rules", () => {
  const box = render("> someone said\n> this\n\n---\n\nafter");
  expect(box.querySelector("blockquote")?.textContent?.trim()).toBe("someone said\nthis");
  expect(box.querySelector("hr")).not.toBeNull();
});

test("tables keep their cells (alignment styles are dropped)", () => {
  const box = render("| 日期 | mood |\n|:---|---:|\n| 周一 | 3 |\n| 周二 | 4 |");
  expect([...box.querySelectorAll("th")].map((th) => th.textContent)).toEqual(["日期", "mood"]);
  expect([...box.querySelectorAll("tbody td")].map((td) => td.textContent)).toEqual(["周一", "3", "周二", "4"]);
  expect(box.querySelector("[style]")).toBeNull();
});

test("Chinese text renders unchanged", () => {
  const text = "我今天感觉好一些了。谢谢大家的支持，这不是我的错。";
  expect(render(`${text}\n\n**重要**：请保护好自己。`).textContent?.trim()).toBe(`${text}\n重要：请保护好自己。`);
});

test("headings start at h3, below the page's own h1 and h2", () => {
  const box = render("# One\n## Two\n#### Four\n###### Six");
  expect([...box.querySelectorAll("h3, h4, h5, h6")].map((h) => `${h.tagName}:${h.textContent}`)).toEqual(["H3:One", "H4:Two", "H6:Four", "H6:Six"]);
  expect(box.querySelector("h1, h2")).toBeNull();
});

test("links of every allowed kind keep their target and get rel", () => {
  const box = render(
    "[a](https://example.org/x?y=1) [b](http://example.org) [c](mailto:help@example.org) [d](#notes) [e](/t/42) https://linkified.example me@example.org",
  );
  const links = [...box.querySelectorAll("a")];
  expect(links.map((a) => a.getAttribute("href"))).toEqual([
    "https://example.org/x?y=1",
    "http://example.org",
    "mailto:help@example.org",
    "#notes",
    "/t/42",
    "https://linkified.example",
    "mailto:me@example.org",
  ]);
  for (const a of links) expect(a.getAttribute("rel")).toBe("nofollow noopener noreferrer ugc");
});

test("link titles survive, data: inside them does not", () => {
  const box = render('[a](https://example.org "a title") [b](https://example.org "see data:text/html,x")');
  const [a, b] = box.querySelectorAll("a");
  expect(a?.getAttribute("title")).toBe("a title");
  expect(b?.getAttribute("title") ?? "").not.toMatch(/data:/);
});

test("markdown images are gone entirely, not turned into links", () => {
  const box = render("before ![a cat](https://example.org/cat.jpg) after");
  expect(box.querySelector("a, img")).toBeNull();
  expect(box.textContent).not.toContain("cat.jpg");
  expect(box.textContent).toMatch(/before\s+after/);
});

test("line breaks inside a paragraph are kept (chat-like posts)", () => {
  expect(render("line one\nline two").querySelector("p > br")).not.toBeNull();
});

test("prose that mentions images, data and URLs stays as written", () => {
  const text = "I saw an image of the img tag in my metadata: 5 items, then new URL(path).";
  expect(render(text).textContent?.trim()).toBe(text);
});

test("the sanitizer version names the installed markdown-it and DOMPurify", () => {
  expect(SANITIZER_VERSION).toMatch(/^\d+:markdown-it-15\.\d+\.\d+:dompurify-3\.\d+\.\d+$/);
  const [, , purify] = SANITIZER_VERSION.split(":");
  const [major, minor] = (purify ?? "").replace("dompurify-", "").split(".").map(Number);
  // docs/security.md: DOMPurify 3.5.0 is the floor.
  expect((major ?? 0) > 3 || ((major ?? 0) === 3 && (minor ?? 0) >= 5)).toBe(true);
});

test("rendering is deterministic (stored HTML compares equal on re-render)", () => {
  const source = "# t\n\n- [x](https://example.org)\n\n```\ncode\n```";
  expect(renderMarkdown(source)).toBe(renderMarkdown(source));
});

test("renders in a row, in one synchronous job, keep no memory (jsdom's NodeIterator WeakRefs, decision 010)", () => {
  expect(trackNodeIteratorsStrongly()).toBe(true);
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  const blocks: string[] = [];
  for (let i = 0; blocks.join("").length < 20_000; i++) blocks.push(`- item ${i}\n- more **${i}**\n\n| a | b |\n|---|---|\n| ${i} | 2 |\n\n> quoted\n\n`);
  const dense = blocks.join("");
  renderMarkdown(dense);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 40; i++) renderMarkdown(dense);
  gc();
  const grownMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  // As shipped, jsdom kept every sanitized document until the job ended: ~11 MB a render here.
  expect(grownMb).toBeLessThan(40);
});
