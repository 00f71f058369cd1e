// Markdown image syntax (CommonMark 0.31, section 6.4): inline `![alt](dest "title")`, full
// reference `![alt][label]`, collapsed `![alt][]`, and shortcut `![alt]` when a definition for
// `alt` exists. Brackets and parentheses are matched once for the whole text with a stack
// (escapes honoured, nothing matched across a blank line, where paragraphs end), so hostile
// input such as 100,000 unclosed `![` costs one pass, not one scan per opener.
export interface Span {
  start: number;
  end: number;
}

/** For every `open` character, the index of its matching `close`, or -1. */
function matchPairs(text: string, open: string, close: string): Int32Array {
  const match = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === open) stack.push(i);
    else if (c === close && stack.length > 0) match[stack.pop() as number] = i;
    else if (c === "\n" && /^\n[ \t]*\n/.test(text.slice(i, i + 64))) stack.length = 0;
  }
  return match;
}

/** A quoted title may hold an unbalanced ")": then the `)` is found by a short, bounded scan. */
const TITLE_SCAN = 1000;

function closeParenSlowly(text: string, open: number): number {
  let depth = 0;
  let quote = "";
  const limit = Math.min(text.length, open + TITLE_SCAN);
  for (let i = open; i < limit; i++) {
    const c = text[i] as string;
    if (c === "\\") i++;
    else if (quote) quote = c === quote ? "" : quote;
    else if ((c === '"' || c === "'") && /\s/.test(text[i - 1] ?? "")) quote = c;
    else if (c === "\n" && /^\n[ \t]*\n/.test(text.slice(i, i + 64))) return -1;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 1;
}

export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Labels of link reference definitions (`[label]: destination`). */
function definedLabels(text: string): Set<string> {
  const labels = new Set<string>();
  for (const m of text.matchAll(/^ {0,3}\[((?:[^\]\\\n]|\\.){1,999})\]:/gm)) labels.add(normalizeLabel(m[1] as string));
  return labels;
}

/** Spans of every markdown image in the text, outermost only. */
export function markdownImages(text: string): Span[] {
  if (!text.includes("![")) return [];
  const brackets = matchPairs(text, "[", "]");
  let parens: Int32Array | null = null;
  let labels: Set<string> | null = null;
  const spans: Span[] = [];
  let from = 0;
  for (;;) {
    const bang = text.indexOf("![", from);
    if (bang === -1) return spans;
    from = bang + 1;
    const altClose = brackets[bang + 1] as number;
    if (escaped(text, bang) || altClose === -1) continue;
    const next = text[altClose + 1];
    let close = -1;
    if (next === "(") {
      parens ??= matchPairs(text, "(", ")");
      close = parens[altClose + 1] as number;
      if (close === -1) close = closeParenSlowly(text, altClose + 1);
    } else if (next === "[") {
      close = brackets[altClose + 1] as number;
    }
    if (close === -1) {
      // Shortcut reference: an image only if its label is defined somewhere in the text.
      labels ??= definedLabels(text);
      if (labels.has(normalizeLabel(text.slice(bang + 2, altClose)))) close = altClose;
    }
    if (close === -1) continue;
    spans.push({ start: bang, end: close + 1 });
    from = close + 1;
  }
}
