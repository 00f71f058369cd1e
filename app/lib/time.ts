// Relative times ("3 minutes ago") are worked out on the server, in the reader's language, so the
// page reads the same with or without JavaScript; the exact time goes in the title attribute.
import type { Locale } from "#app/i18n/catalog.ts";

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function relativeTime(date: Date, locale: Locale, now = new Date()) {
  const diff = date.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  return format.format(0, "minute");
}

export function exactTime(date: Date, locale: Locale) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC";
}

export function stamp(date: Date | null, locale: Locale) {
  return date ? { relative: relativeTime(date, locale), exact: exactTime(date, locale), iso: date.toISOString() } : null;
}
