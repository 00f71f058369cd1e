// A chat message is plain text (app/contracts/chat.ts): React escapes it, and the only markup
// it ever becomes is a link for an http(s):// or www. address. No markdown, no HTML, no other
// scheme (javascript:, data:, mailto:). Links carry rel="nofollow noopener noreferrer ugc":
// members' links earn no ranking, get no window.opener and send no Referer (docs/security.md).
import type { ReactNode } from "react";

export const LINK_REL = "nofollow noopener noreferrer ugc";

export type Part = { text: string } | { text: string; href: string };

// The characters RFC 3986 allows in a URI, ASCII only: a space, <, >, ", a CJK character or
// full-width punctuation ends the address, so Chinese written right up to a link stays text
// ("请看https://example.org了解") — a percent-encoded path still links whole.
const CANDIDATE = /(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
// Left off the end: sentence punctuation, quotes, and markdown's emphasis marks.
const TRAILING = new Set([".", ",", ";", ":", "!", "?", "'", "*", "_", "~"]);
const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Splits a message into text and links, in order; joining every part's text gives it back. */
export function linkParts(body: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (const match of body.matchAll(CANDIDATE)) {
    const start = match.index;
    if (!startsWord(body, start, match[0])) continue;
    const text = trimEnd(match[0]);
    const href = hrefFor(text);
    if (!href) continue;
    if (start > at) parts.push({ text: body.slice(at, start) });
    parts.push({ text, href });
    at = start + text.length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}

/** The message as React nodes: strings (escaped by React) and links. */
export function linkify(body: string): ReactNode[] {
  return linkParts(body).map((part, i) =>
    "href" in part ? (
      <a key={i} href={part.href} rel={LINK_REL}>
        {part.text}
      </a>
    ) : (
      part.text
    ),
  );
}

// "xhttps://…" or "user@www.example.org" is not the start of an address.
function startsWord(body: string, start: number, candidate: string) {
  if (start === 0) return true;
  const before = body[start - 1]!;
  return candidate.toLowerCase().startsWith("www.") ? !/[A-Za-z0-9.@/:_-]/.test(before) : !/[A-Za-z0-9]/.test(before);
}

// "(see https://example.org/a_(b))." ends at the last ")" that closes one of its own.
function trimEnd(candidate: string) {
  let text = candidate;
  for (;;) {
    const last = text.at(-1)!;
    const open = PAIRS[last];
    if (TRAILING.has(last) || (open && count(text, open) < count(text, last))) text = text.slice(0, -1);
    else return text;
  }
}

function count(text: string, char: string) {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

// Only a real web address with a host: no user name or password in it, which would show one
// site's name and lead to another ("https://bank.example@evil.example").
function hrefFor(text: string): string | null {
  const absolute = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  if (/^www\./i.test(text) && !/^www\.[A-Za-z0-9-]+\.[A-Za-z0-9]/i.test(text)) return null;
  try {
    const url = new URL(absolute);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname || url.username || url.password) return null;
    if (!/[A-Za-z0-9]/.test(url.hostname)) return null;
    return url.href;
  } catch {
    return null;
  }
}
