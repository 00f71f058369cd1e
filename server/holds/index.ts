// Automatic holds: what in a post makes it wait for a moderator before anyone else reads it, or
// refuses it. Pure functions over the post's text after the media guard (markdown source, the
// thread title, the content warning); nothing is stored here. `reasons` name patterns, never
// the text that matched (docs/moderation.md, "Holds").
import { hasStreetAddress } from "./addresses.ts";
import { hasEmailAddress } from "./emails.ts";
import { hasHandle } from "./handles.ts";
import { hasIdNumber } from "./id-numbers.ts";
import { hasImageLink } from "./image-links.ts";
import { normalizeForHolds } from "./normalize.ts";
import { hasPhoneNumber } from "./phones.ts";
import { matchWatchedWords, type WatchedWord } from "./watched-words.ts";

export const HOLD_REASONS = ["phone", "email", "address", "id-number", "handle", "image-link", "watched-word"] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** Reasons that are someone's identifying information (queue priority "identifying"). */
export const IDENTIFYING: readonly HoldReason[] = ["phone", "email", "address", "id-number", "handle"];

export interface Judgement {
  holds: HoldReason[];
  /** Watched words set to flag that occur: the post stays visible and a moderator looks. */
  flags: string[];
  /** A watched word set to block occurs: the post is refused. */
  blocked: boolean;
}

const DETECTORS: Array<[Exclude<HoldReason, "watched-word">, (text: string) => boolean]> = [
  ["phone", hasPhoneNumber],
  ["email", hasEmailAddress],
  ["address", hasStreetAddress],
  ["id-number", hasIdNumber],
  ["handle", hasHandle],
  ["image-link", hasImageLink],
];

export function judgeText(text: string, watchedWords: readonly WatchedWord[] = []): Judgement {
  const normal = normalizeForHolds(text);
  const holds: HoldReason[] = DETECTORS.filter(([, detect]) => detect(normal)).map(([reason]) => reason);
  const watched = matchWatchedWords(normal, watchedWords);
  if (watched.some((w) => w.action === "hold")) holds.push("watched-word");
  return { holds, flags: watched.filter((w) => w.action === "flag").map((w) => w.word), blocked: watched.some((w) => w.action === "block") };
}

const LINK =
  /(?:https?:\/\/|www\.)[^\s<>"')\]]+|(?<![A-Za-z0-9@.-])(?:[a-z0-9-]+\.)+(?:com|net|org|io|me|co|cn|gg|ly|moe|cc|to|app|dev|xyz|top|info|link|site|uk|de|ru|jp|hk|tw)\/[^\s<>"')\]]*/giu;

/** The links in a text, as written (lower-cased): an edit on probation that adds one waits. */
export function linksIn(text: string): string[] {
  return [...normalizeForHolds(text).matchAll(LINK)].map((m) => m[0].toLowerCase());
}

export type { WatchedWord };
