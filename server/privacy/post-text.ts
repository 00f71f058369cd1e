// A post's rendered text for the export: the HTML stored at write time (already sanitized to
// server/media/render-markdown.ts's small allow-list) read back as plain text, with paragraphs,
// list items and table rows on their own lines and every link's address written out after its
// text, so that nothing is lost and nothing in the export is a link. No DOM: ten thousand posts
// through jsdom would take minutes (decision 010); the allow-list leaves only simple tags.
const BLOCK_END = /<\/(p|h[3-6]|pre|blockquote|ul|ol|table)>|<hr\s*\/?>/g;

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** HTML character references back to the characters (what a browser would show). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export function renderedText(html: string): string {
  const text = html
    .replace(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_whole, href: string, inner: string) => {
      const address = decodeEntities(href);
      const shown = decodeEntities(inner.replace(/<[^>]*>/g, ""));
      return shown.trim() === address ? inner : `${inner} (${href})`;
    })
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<li[^>]*>/g, "- ")
    .replace(/<\/(li|tr)>/g, "\n")
    .replace(/<\/(td|th)>/g, "\t")
    .replace(BLOCK_END, "\n\n")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
