// Locales, message keys and translation. Plain objects, no runtime library: small and typed.
import { en } from "./en.ts";
import { forumsEn } from "./forums.en.ts";
import { forumsZhHans } from "./forums.zh-Hans.ts";
import { safetyEn } from "./safety.en.ts";
import { safetyZhHans } from "./safety.zh-Hans.ts";
import { zhHans } from "./zh-Hans.ts";

export const LOCALES = ["en", "zh-Hans"] as const;
export type Locale = (typeof LOCALES)[number];
const enAll = { ...en, ...forumsEn, ...safetyEn };
export type MessageKey = keyof typeof enAll;
/** The keys of the core catalog (en.ts / zh-Hans.ts). */
export type CoreKey = keyof typeof en;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en: enAll, "zh-Hans": { ...zhHans, ...forumsZhHans, ...safetyZhHans } };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && value in enAll;
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? enAll[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function catalogFor(locale: Locale) {
  return catalogs[locale];
}
