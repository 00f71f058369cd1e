// Passphrase policy per OWASP ASVS 5.0 V6.2: at least 8 characters (15+ suggested), long ones
// allowed, no composition rules, no truncation or case folding, common passwords refused.
import { dictionary } from "@zxcvbn-ts/language-common";
import type { MessageKey } from "#app/i18n/catalog.ts";

export const PASSPHRASE_MIN = 8;
export const PASSPHRASE_SUGGESTED = 15;
export const PASSPHRASE_MAX = 256; // bounds the work one request can ask of argon2

// ~49,000 most common passwords (zxcvbn-ts's list), plus a few common in Chinese-speaking places.
const COMMON = new Set<string>([
  ...dictionary.passwords.filter((p) => p.length >= PASSPHRASE_MIN),
  "woaini1314",
  "woaini520",
  "5201314520",
  "1314520520",
  "qq123456789",
  "aini1314",
  "iloveyou1314",
  "wodemima",
  "mima123456",
]);

/** NFKC only, so the same passphrase typed on another keyboard or IME still matches (NIST 800-63B 5.1.1.2). */
export function normalizePassphrase(input: string): string {
  return input.normalize("NFKC");
}

export function checkPassphrase(input: unknown, pseudonym?: string): MessageKey | null {
  if (typeof input !== "string" || input.length === 0) return "passphrase.required";
  const value = normalizePassphrase(input);
  const length = [...value].length;
  if (length < PASSPHRASE_MIN) return "passphrase.tooShort";
  if (length > PASSPHRASE_MAX) return "passphrase.tooLong";
  const lower = value.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/u.test(value)) return "passphrase.common";
  if (pseudonym && lower.includes(pseudonym.toLowerCase())) return "passphrase.containsPseudonym";
  return null;
}
