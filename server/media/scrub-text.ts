// Text channels (post bodies, chat messages, titles, profile fields): markdown images, HTML image
// constructs and data: URIs are removed before storage and again at render (DESIGN.md). Each
// removal is reported so the member can be told and moderators can count.
export interface TextRemoval {
  kind: "markdown-image" | "html-image" | "svg" | "css-url" | "data-uri";
  fragment: string;
}

const RULES: Array<[TextRemoval["kind"], RegExp]> = [
  // Whole inline SVG documents first, so their inner parts are not counted twice.
  ["svg", /<\s*svg\b[\s\S]*?(<\s*\/\s*svg\s*>|$)/giu],
  // ![alt](url "title"), with one level of nested parentheses in the URL, and ![alt][ref].
  ["markdown-image", /!\[(?:[^\]\\]|\\.)*\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/gu],
  ["markdown-image", /!\[(?:[^\]\\]|\\.)*\]\s?\[[^\]]*\]/gu],
  // Elements that show or fetch pictures or embed documents, open or closing.
  ["html-image", /<\s*\/?\s*(img|image|picture|source|video|audio|track|object|embed|iframe|frame|canvas|input\b[^>]*\btype\s*=\s*["']?image)\b[^>]*>/giu],
  // Any tag carrying an image-loading attribute (background=, poster=, srcset=, style=…url()).
  ["html-image", /<[a-z][^>]*\b(background|poster|srcset|lowsrc|dynsrc|imagesrcset)\s*=[^>]*>/giu],
  ["css-url", /<[a-z][^>]*\bstyle\s*=\s*("[^"]*url\s*\([^"]*"|'[^']*url\s*\([^']*')[^>]*>/giu],
  ["css-url", /<\s*style\b[\s\S]*?(<\s*\/\s*style\s*>|$)/giu],
  ["data-uri", /\bdata\s*:[^\s"'<>)\]]*/giu],
];

export function scrubImages(input: string): { text: string; removed: TextRemoval[] } {
  const removed: TextRemoval[] = [];
  let text = input;
  for (const [kind, pattern] of RULES) {
    text = text.replace(pattern, (fragment) => {
      removed.push({ kind, fragment });
      return "";
    });
  }
  return { text, removed };
}
