// Every hostile payload through renderMarkdown, and the output PARSED (by a jsdom of the test's
// own, not the renderer's) and checked structurally: what a browser would build from the HTML
// is what matters, not how the string looks.
import { JSDOM } from "jsdom";
import { expect, test } from "vitest";
import { renderMarkdown } from "#server/media/render-markdown.ts";
import { HOSTILE_PAYLOADS } from "#tests/fixtures/media/hostile-payloads.ts";

const { window } = new JSDOM("<!doctype html><html><body></body></html>");

const ALLOWED_TAGS = new Set([
  "P",
  "BR",
  "STRONG",
  "EM",
  "DEL",
  "S",
  "CODE",
  "PRE",
  "BLOCKQUOTE",
  "UL",
  "OL",
  "LI",
  "A",
  "H3",
  "H4",
  "H5",
  "H6",
  "HR",
  "TABLE",
  "THEAD",
  "TBODY",
  "TR",
  "TH",
  "TD",
]);
const ALLOWED_ATTRIBUTES = new Set(["href", "title", "start", "rel"]);
const FORBIDDEN =
  "img,svg,picture,source,video,audio,iframe,object,embed,image,input,form,base,meta,style,link,script,math,template,frame,frameset,applet,button,textarea,select,noscript";
// https:, http:, mailto:, a fragment, a same-site path, or a relative path (no scheme, no "//").
const SAFE_HREF = /^(?:(?:https?|mailto):|#|\/(?![/\\])|(?![a-z][a-z0-9+.-]*:|[/\\]{2}|\\))/i;
const DATA_URI = /\bdata\s*(?::|&colon;|&#0*58;?|&#x0*3a;?)/i;
const BASE = "https://hearth.example/t/1";

/** The scheme a browser would follow, by the WHATWG URL parser itself. */
function protocolOf(href: string): string {
  return new URL(href, BASE).protocol;
}

function parse(html: string): HTMLElement {
  const box = window.document.createElement("div");
  box.innerHTML = html;
  return box;
}

test("there are at least 200 hostile payloads, each named once", () => {
  expect(HOSTILE_PAYLOADS.length).toBeGreaterThanOrEqual(200);
  expect(new Set(HOSTILE_PAYLOADS.map((p) => p.name)).size).toBe(HOSTILE_PAYLOADS.length);
});

for (const { name, source } of HOSTILE_PAYLOADS) {
  test(`hostile: ${name}`, () => {
    const html = renderMarkdown(source);
    const box = parse(html);
    const elements = [...box.querySelectorAll("*")];
    for (const element of elements) {
      expect(ALLOWED_TAGS.has(element.tagName), `element <${element.tagName}> in ${html}`).toBe(true);
      for (const attribute of element.attributes) {
        expect(attribute.name.startsWith("on"), `event handler ${attribute.name}`).toBe(false);
        expect(ALLOWED_ATTRIBUTES.has(attribute.name), `attribute ${attribute.name} in ${html}`).toBe(true);
      }
    }
    expect(box.querySelectorAll(FORBIDDEN).length, html).toBe(0);
    for (const link of box.querySelectorAll("a")) {
      const href = link.getAttribute("href");
      if (href !== null) {
        expect(SAFE_HREF.test(href.replace(/[\u0000-\u0020]/g, "")), `href ${href}`).toBe(true);
        expect(["https:", "http:", "mailto:"], `href ${href}`).toContain(protocolOf(href));
      }
      const rel = (link.getAttribute("rel") ?? "").split(/\s+/);
      expect(rel).toEqual(expect.arrayContaining(["nofollow", "noopener", "noreferrer", "ugc"]));
    }
    expect(DATA_URI.test(html), `data: in ${html}`).toBe(false);
    expect(DATA_URI.test(box.textContent ?? ""), "data: in text").toBe(false);
    // No mutation on a second parse: what the browser rebuilds is what was checked (mXSS).
    expect(parse(box.innerHTML).innerHTML).toBe(box.innerHTML);
  });
}

test("raw HTML shows as text, never as markup", () => {
  const html = renderMarkdown('<script>alert(1)</script> <b onclick="x()">bold</b>');
  expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(html).toContain('&lt;b onclick="x()"&gt;bold&lt;/b&gt;');
  expect(parse(html).querySelector("b, script")).toBeNull();
});

test("dangerous schemes never become links, however they are written", () => {
  for (const source of [
    "[x](javascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](java&#9;script:alert(1))",
    "<javascript:alert(1)>",
    "[x](vbscript:1)",
    "[x](//evil.example)",
    "[x](/\\evil.example)",
  ]) {
    const links = [...parse(renderMarkdown(source)).querySelectorAll("a")];
    for (const link of links) expect(["https:", "http:"], source).toContain(protocolOf(link.getAttribute("href") ?? ""));
    for (const link of links) expect(new URL(link.getAttribute("href") ?? "", BASE).host, source).toBe("hearth.example");
  }
});

test("DOM clobbering names and ids never survive", () => {
  const box = parse(renderMarkdown('<a id=cookie name=cookie href="https://ok.example">x</a> [y](https://ok.example)'));
  expect(box.querySelector("[id], [name]")).toBeNull();
});
