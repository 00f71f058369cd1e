// Relative times ("3 minutes ago") are worked out on the server, in the reader's language, so the
// page reads the same with or without JavaScript; the exact time goes in the title attribute.
// Intl formatters are costly to build (a fifth of a thread page's time when made per post), so
// each is made once per locale.
import type { Locale } from "#app/i18n/catalog.ts";

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();
const exactFormats = new Map<Locale, Intl.DateTimeFormat>();

function relativeFormat(locale: Locale) {
  const format = relativeFormats.get(locale) ?? new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  relativeFormats.set(locale, format);
  return format;
}

function exactFormat(locale: Locale) {
  const format = exactFormats.get(locale) ?? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  exactFormats.set(locale, format);
  return format;
}

export function relativeTime(date: Date, locale: Locale, now = new Date()) {
  const diff = date.getTime() - now.getTime();
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return relativeFormat(locale).format(Math.round(diff / ms), unit);
  return relativeFormat(locale).format(0, "minute");
}

export function exactTime(date: Date, locale: Locale) {
  return `${exactFormat(locale).format(date)} UTC`;
}

export function stamp(date: Date | null, locale: Locale) {
  return date ? { relative: relativeTime(date, locale), exact: exactTime(date, locale), iso: date.toISOString() } : null;
}
