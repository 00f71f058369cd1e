// Chat bodies are plain text whose only markup is a link (app/components/chat/linkify.tsx): what
// members type is escaped by React and rendered here exactly as a page renders it.
import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { LINK_REL, linkify, linkParts } from "#app/components/chat/linkify.tsx";

const html = (body: string) => renderToStaticMarkup(createElement(Fragment, null, ...linkify(body)));
const link = (href: string, text = href) => `<a href="${href}" rel="nofollow noopener noreferrer ugc">${text}</a>`;
const links = (body: string) => linkParts(body).flatMap((p) => ("href" in p ? [p.href] : []));

test("an http(s) address becomes a link with exactly the ugc rel, and nothing else changes", () => {
  expect(LINK_REL).toBe("nofollow noopener noreferrer ugc");
  expect(html("see https://example.org/page?a=1&b=2 today")).toBe(`see ${link("https://example.org/page?a=1&amp;b=2")} today`);
  expect(html("http://example.org")).toBe(link("http://example.org/", "http://example.org"));
  expect(html("no links at all")).toBe("no links at all");
  expect(html("")).toBe("");
});

test("www. addresses link to https, and need a dot after the name", () => {
  expect(html("try www.example.org/help")).toBe(`try ${link("https://www.example.org/help", "www.example.org/help")}`);
  expect(links("www.example")).toEqual([]);
  expect(links("www.")).toEqual([]);
  expect(links("mail me at someone@www.example.org")).toEqual([]);
});

test("javascript:, data: and other schemes stay text", () => {
  for (const body of [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/png;base64,iVBORw0KGgo=",
    "vbscript:msgbox(1)",
    "mailto:someone@example.org",
    "ftp://example.org/file",
    "file:///etc/passwd",
  ]) {
    expect(links(body), body).toEqual([]);
    expect(html(body), body).not.toContain("<a");
  }
  // A link is only ever its own address, even when another scheme is written in front of it.
  expect(links("javascript:https://example.org")).toEqual(["https://example.org/"]);
  expect(links("xhttps://example.org")).toEqual([]);
});

test("HTML is escaped, never markup, even around or inside a link", () => {
  expect(html("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(html('<img src=x onerror="alert(1)">')).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  expect(html("<b>https://example.org</b>")).toBe(`&lt;b&gt;${link("https://example.org/", "https://example.org")}&lt;/b&gt;`);
  expect(html('https://example.org/"onmouseover="alert(1)')).toBe(`${link("https://example.org/", "https://example.org/")}&quot;onmouseover=&quot;alert(1)`);
  expect(html("https://example.org/<script>")).toBe(`${link("https://example.org/", "https://example.org/")}&lt;script&gt;`);
});

test("markdown is not rendered: its link syntax keeps its brackets and only the address links", () => {
  expect(html("**bold** _it_ `code` # heading")).toBe("**bold** _it_ `code` # heading");
  expect(html("[click here](https://example.org/a)")).toBe(`[click here](${link("https://example.org/a")})`);
  expect(html("[click](javascript:alert(1))")).toBe("[click](javascript:alert(1))");
  expect(html("![photo](https://example.org/p.jpg)")).toBe(`![photo](${link("https://example.org/p.jpg")})`);
  expect(html("**https://example.org**")).toBe(`**${link("https://example.org/", "https://example.org")}**`);
});

test("nested parentheses that belong to the address stay in it; one closing the sentence does not", () => {
  expect(links("https://en.wikipedia.org/wiki/Foo_(bar)")).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar)"]);
  expect(links("(see https://en.wikipedia.org/wiki/Foo_(bar_(baz)))")).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar_(baz))"]);
  expect(html("(https://example.org/a)")).toBe(`(${link("https://example.org/a")})`);
  expect(links("[https://example.org/x]")).toEqual(["https://example.org/x"]);
  expect(links("https://example.org/a)b")).toEqual(["https://example.org/a)b"]);
});

test("trailing punctuation ends the sentence, not the address", () => {
  expect(html("Look: https://example.org/a.")).toBe(`Look: ${link("https://example.org/a")}.`);
  for (const end of [".", ",", ";", ":", "!", "?", "'", "!!", "?!", "...", "'."]) {
    expect(links(`https://example.org/a${end}`), end).toEqual(["https://example.org/a"]);
  }
  expect(links("https://example.org/search?q=a+b#part-2")).toEqual(["https://example.org/search?q=a+b#part-2"]);
  expect(links("https://example.org/file.txt")).toEqual(["https://example.org/file.txt"]);
  expect(links('"https://example.org/quoted"')).toEqual(["https://example.org/quoted"]);
});

test("Chinese text around an address stays text, with or without spaces", () => {
  expect(html("请看https://example.org/help了解更多。")).toBe(`请看${link("https://example.org/help")}了解更多。`);
  expect(html("链接：https://example.org/a，谢谢")).toBe(`链接：${link("https://example.org/a")}，谢谢`);
  expect(html("（https://example.org/b）")).toBe(`（${link("https://example.org/b")}）`);
  expect(html("网址 www.example.cn 。")).toBe(`网址 ${link("https://www.example.cn/", "www.example.cn")} 。`);
  expect(links("https://zh.wikipedia.org/wiki/%E4%B8%AD%E6%96%87")).toEqual(["https://zh.wikipedia.org/wiki/%E4%B8%AD%E6%96%87"]);
});

test("an address with a user name or password, or without a host, stays text", () => {
  expect(links("https://bank.example@evil.example/login")).toEqual([]);
  expect(links("https://user:secret@example.org")).toEqual([]);
  expect(links("https://")).toEqual([]);
  expect(links("https://...")).toEqual([]);
});

test("the parts give the message back exactly, several links included", () => {
  const body = "one https://a.example/x, two www.b.example.\nthree (http://c.example/(d)) 完";
  const parts = linkParts(body);
  expect(parts.map((p) => p.text).join("")).toBe(body);
  expect(links(body)).toEqual(["https://a.example/x", "https://www.b.example/", "http://c.example/(d)"]);
});
