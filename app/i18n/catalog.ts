// Locales, message keys and translation. Plain objects, no runtime library: small and typed.
import { admissionEn } from "./admission.en.ts";
import { admissionZhHans } from "./admission.zh-Hans.ts";
import { chatEn } from "./chat.en.ts";
import { chatUiEn } from "./chat-ui.en.ts";
import { chatUiZhHans } from "./chat-ui.zh-Hans.ts";
import { chatZhHans } from "./chat.zh-Hans.ts";
import { en } from "./en.ts";
import { evidenceEn } from "./evidence.en.ts";
import { evidenceUiEn } from "./evidence-ui.en.ts";
import { evidenceUiZhHans } from "./evidence-ui.zh-Hans.ts";
import { evidenceZhHans } from "./evidence.zh-Hans.ts";
import { forumsEn } from "./forums.en.ts";
import { forumsZhHans } from "./forums.zh-Hans.ts";
import { historyEn } from "./history.en.ts";
import { historyZhHans } from "./history.zh-Hans.ts";
import { holdsEn } from "./holds.en.ts";
import { holdsZhHans } from "./holds.zh-Hans.ts";
import { liveEn } from "./live.en.ts";
import { liveZhHans } from "./live.zh-Hans.ts";
import { privacyUiEn } from "./privacy-ui.en.ts";
import { privacyUiZhHans } from "./privacy-ui.zh-Hans.ts";
import { privacyEn } from "./privacy.en.ts";
import { privacyZhHans } from "./privacy.zh-Hans.ts";
import { queueEn } from "./queue.en.ts";
import { queueZhHans } from "./queue.zh-Hans.ts";
import { safetyEn } from "./safety.en.ts";
import { safetyZhHans } from "./safety.zh-Hans.ts";
import { zhHans } from "./zh-Hans.ts";

export const LOCALES = ["en", "zh-Hans"] as const;
export type Locale = (typeof LOCALES)[number];
const enAll = {
  ...en,
  ...forumsEn,
  ...safetyEn,
  ...admissionEn,
  ...queueEn,
  ...historyEn,
  ...holdsEn,
  ...chatEn,
  ...chatUiEn,
  ...liveEn,
  ...evidenceEn,
  ...evidenceUiEn,
  ...privacyUiEn,
  ...privacyEn,
};
export type MessageKey = keyof typeof enAll;
/** The keys of the core catalog (en.ts / zh-Hans.ts). */
export type CoreKey = keyof typeof en;

const catalogs: Record<Locale, Record<MessageKey, string>> = {
  en: enAll,
  "zh-Hans": {
    ...zhHans,
    ...forumsZhHans,
    ...safetyZhHans,
    ...admissionZhHans,
    ...queueZhHans,
    ...historyZhHans,
    ...holdsZhHans,
    ...chatZhHans,
    ...chatUiZhHans,
    ...liveZhHans,
    ...evidenceZhHans,
    ...evidenceUiZhHans,
    ...privacyUiZhHans,
    ...privacyZhHans,
  },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && value in enAll;
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? enAll[key];
  // Most messages have nothing to fill in: returned as they are (pages call this hundreds of times).
  if (!template.includes("{")) return template;
  return fillPlurals(locale, template, params).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// Counts follow each language's plural rules (Intl.PluralRules): English has "one" and "other",
// Chinese only "other". A message with a count carries its forms in ICU's plural syntax,
// "{count, plural, one {# post} other {# posts}}", where # is the number as the language writes
// it. Only this subset is understood: no nesting, no offset; "=N" picks an exact number.
const PLURAL_START = /\{(\w+), plural,/g;
const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

export interface PluralBlock {
  name: string;
  forms: Record<string, string>;
  start: number;
  end: number;
}

/** The plural blocks of a template, in order; throws on a block it cannot read. */
export function pluralBlocks(template: string): PluralBlock[] {
  const blocks: PluralBlock[] = [];
  for (const match of template.matchAll(PLURAL_START)) {
    const forms: Record<string, string> = {};
    let i = match.index + match[0].length;
    for (;;) {
      while (template[i] === " ") i++;
      if (template[i] === "}") break;
      const selector = /^(=\d+|zero|one|two|few|many|other) ?\{/.exec(template.slice(i));
      if (!selector) throw new Error(`unreadable plural form at ${i} in: ${template}`);
      i += selector[0].length;
      let depth = 1;
      const from = i;
      while (depth > 0) {
        if (i >= template.length) throw new Error(`unclosed plural form in: ${template}`);
        if (template[i] === "{") depth++;
        else if (template[i] === "}") depth--;
        i++;
      }
      forms[selector[1]!] = template.slice(from, i - 1);
    }
    if (!("other" in forms)) throw new Error(`a plural needs an "other" form: ${template}`);
    blocks.push({ name: match[1]!, forms, start: match.index, end: i + 1 });
  }
  return blocks;
}

// Parsed once per template: a page translates the same counted messages many times over.
const parsed = new Map<string, PluralBlock[]>();
function parsedBlocks(template: string) {
  const known = parsed.get(template);
  if (known) return known;
  const blocks = pluralBlocks(template);
  parsed.set(template, blocks);
  return blocks;
}

function fillPlurals(locale: Locale, template: string, params: Record<string, string | number>): string {
  if (!template.includes(", plural,")) return template;
  const rules = pluralRules.get(locale) ?? new Intl.PluralRules(locale);
  const numbers = numberFormats.get(locale) ?? new Intl.NumberFormat(locale);
  pluralRules.set(locale, rules);
  numberFormats.set(locale, numbers);
  let out = "";
  let at = 0;
  for (const block of parsedBlocks(template)) {
    const count = Number(params[block.name]);
    const exact = block.forms[`=${count}`];
    const form = exact ?? block.forms[Number.isFinite(count) ? rules.select(count) : "other"] ?? block.forms.other!;
    out += template.slice(at, block.start) + form.replace(/#/g, Number.isFinite(count) ? numbers.format(count) : String(params[block.name] ?? "#"));
    at = block.end;
  }
  return out + template.slice(at);
}

export function catalogFor(locale: Locale) {
  return catalogs[locale];
}
