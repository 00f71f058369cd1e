// Turning a query into terms and a post into a snippet: pure functions, no database.
import { expect, test } from "vitest";
import { splitOnTerms } from "#app/contracts/search-match.ts";
import { likePattern, parseSearchQuery, searchable } from "#server/forums/search-query.ts";
import { plainText, snippet, SNIPPET_LENGTH } from "#server/forums/search-snippet.ts";

test("queries are NFKC-normalised, trimmed, collapsed and split into distinct terms, longest first", () => {
  expect(parseSearchQuery("  ＰＯＬＩＣＥ\u3000report\t\tpolice ")).toEqual({ text: "POLICE report police", terms: ["POLICE", "report"] });
  expect(parseSearchQuery("照片 我被前男友").terms).toEqual(["我被前男友", "照片"]);
  expect(searchable(parseSearchQuery("照片"))).toBe(true);
  expect(searchable(parseSearchQuery("我"))).toBe(false);
  expect(searchable(parseSearchQuery("a b c"))).toBe(false);
  expect([...parseSearchQuery("😀".repeat(300)).text]).toHaveLength(200);
});

test("LIKE patterns take %, _ and \\ literally", () => {
  expect(likePattern("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
});

test("markdown and HTML are stripped to plain text", () => {
  expect(plainText("# Heading\n> quoted *text* and **bold** and _it_\n- item [link](https://x.org) <b>tag</b> `code` snake_case\n\n---\n```js\nx\n```")).toBe(
    "Heading quoted text and bold and it item link tag code snake_case x",
  );
  expect(plainText("<script>alert(1)</script> <https://example.org>")).toBe("alert(1) https://example.org");
});

test("snippets centre on the first match, stay short and never split an emoji", () => {
  const long = `${"word ".repeat(100)}the needle here ${"after ".repeat(100)}`;
  const cut = snippet(long, ["NEEDLE"]);
  expect(cut.startsWith("…word")).toBe(true);
  expect(cut.endsWith("…")).toBe(true);
  expect(cut).toContain("the needle here");
  expect(cut.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
  const chinese = `${"前".repeat(150)}照片${"后".repeat(150)}`;
  expect(snippet(chinese, ["照片"])).toMatch(/^…前{60}照片后{138}…$/);
  const emoji = snippet(`${"😀".repeat(200)}x`, ["x"]);
  expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  expect(snippet("short post", ["nothing"])).toBe("short post");
});

test("matched words are found case-insensitively for marking, regex characters included", () => {
  expect(splitOnTerms("I reported it (twice) to Police", ["police", "(twice)"])).toEqual(["I reported it ", "(twice)", " to ", "Police", ""]);
  expect(splitOnTerms("nothing", [])).toEqual(["nothing"]);
});
