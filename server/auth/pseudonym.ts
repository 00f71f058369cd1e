// Pseudonym rules (issue 2): 3–32 characters after NFKC, letters of any script (CJK included),
// digits, space, _ - . ; nothing that could point back to the person (email, phone, URL, handle).
// Issue 8: nothing invisible, no look-alike mixing of scripts, and names are compared by their
// confusable skeleton (./confusables.ts) for uniqueness and against the reserved names.
import type { MessageKey } from "#app/i18n/catalog.ts";
import { hasInvisible, hasMisplacedMarks, isHighlyRestrictive, pseudonymSkeletons } from "./confusables.ts";

export const PSEUDONYM_MIN = 3;
export const PSEUDONYM_MAX = 32;

export type PseudonymCheck = { ok: true; pseudonym: string; key: string; skeletons: string[] } | { ok: false; reason: MessageKey };

/** NFKC, trimmed, inner runs of white space folded to one space. */
export function normalizePseudonym(input: string): string {
  return input.normalize("NFKC").trim().replace(/\s+/gu, " ");
}

/** The uniqueness key: case-insensitive after NFKC ("Ｗillow" = "willow"). */
export function pseudonymKey(input: string): string {
  return normalizePseudonym(input).toLowerCase().normalize("NFKC");
}

const ALLOWED = /^[\p{L}\p{M}\p{Nd} _.-]+$/u;
// Platform names as whole words ("ig_willow", "willow on tiktok"), or inside CJK text.
const SOCIAL_WORDS = new Set([
  "instagram",
  "insta",
  "ig",
  "twitter",
  "tiktok",
  "snapchat",
  "snap",
  "facebook",
  "fb",
  "telegram",
  "tg",
  "whatsapp",
  "wechat",
  "weixin",
  "wx",
  "weibo",
  "douyin",
  "xiaohongshu",
  "xhs",
  "discord",
  "onlyfans",
  "reddit",
  "qq",
  "kik",
  "line",
]);
const SOCIAL_CJK = /(微信|微博|抖音|小红书|快手|推特|脸书|电报)/u;
const RESERVED_NAMES = ["admin", "administrator", "moderator", "mod", "hearth", "system", "staff", "support team", "管理员", "版主"];
// By skeleton, so "rnoderator", "AdrnIn" or "MODERATOR" are as reserved as the originals.
const RESERVED = new Set(RESERVED_NAMES.flatMap(pseudonymSkeletons));

function looksLikeContact(value: string): boolean {
  const digits = value.replace(/[^\p{Nd}]/gu, "");
  if (value.includes("@")) return true; // email address or @handle
  if (digits.length >= 7) return true; // phone numbers, QQ numbers
  if (/(https?|www\.|\.(com|net|org|cn|io|me|co|uk|info|xyz|tv|hk|tw)\b)/iu.test(value)) return true;
  if (SOCIAL_CJK.test(value)) return true;
  return value
    .toLowerCase()
    .split(/[\s_.\-\p{Nd}]+/u)
    .some((word) => SOCIAL_WORDS.has(word));
}

export function checkPseudonym(input: unknown): PseudonymCheck {
  if (typeof input !== "string") return { ok: false, reason: "pseudonym.required" };
  // Before anything else: trimming would not remove a Hangul filler, and "ㅤㅤㅤ" is 3 letters.
  if (hasInvisible(input)) return { ok: false, reason: "pseudonym.invisible" };
  const pseudonym = normalizePseudonym(input);
  const length = [...pseudonym].length;
  if (length === 0) return { ok: false, reason: "pseudonym.required" };
  if (looksLikeContact(pseudonym)) return { ok: false, reason: "pseudonym.identifying" };
  if (length < PSEUDONYM_MIN) return { ok: false, reason: "pseudonym.tooShort" };
  if (length > PSEUDONYM_MAX) return { ok: false, reason: "pseudonym.tooLong" };
  if (!ALLOWED.test(pseudonym) || hasMisplacedMarks(pseudonym)) return { ok: false, reason: "pseudonym.characters" };
  if (!isHighlyRestrictive(pseudonym)) return { ok: false, reason: "pseudonym.mixedScripts" };
  const key = pseudonymKey(pseudonym);
  // The first skeleton is the one stored; the rest are only compared (./confusables.ts).
  const skeletons = pseudonymSkeletons(pseudonym);
  if (skeletons.some((s) => RESERVED.has(s))) return { ok: false, reason: "pseudonym.unavailable" };
  return { ok: true, pseudonym, key, skeletons };
}
