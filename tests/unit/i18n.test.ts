import { expect, test } from "vitest";
import { catalogFor, translate } from "#app/i18n/catalog.ts";
import { localeFromAcceptLanguage, negotiateLocale } from "#app/i18n/negotiate.ts";

const en = catalogFor("en");
const zhHans = catalogFor("zh-Hans");

test("every key exists in both languages, with a non-empty text", () => {
  const enKeys = Object.keys(en).sort();
  const zhKeys = Object.keys(zhHans).sort();
  expect(zhKeys).toEqual(enKeys);
  for (const key of enKeys) {
    expect(en[key as keyof typeof en].trim(), key).not.toBe("");
    expect(zhHans[key as keyof typeof en].trim(), key).not.toBe("");
  }
});

test("placeholders match between languages", () => {
  const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en) as (keyof typeof en)[]) expect(names(zhHans[key]), key).toEqual(names(en[key]));
});

test("Chinese texts are really translated, not copied English", () => {
  const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => en[k] === zhHans[k] && /[a-z]{4}/i.test(en[k]) && !k.startsWith("lang."));
  expect(same).toEqual([]);
});

test("Accept-Language picks Simplified Chinese for any zh tag, English otherwise", () => {
  expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-Hans");
  expect(localeFromAcceptLanguage("en-GB,en;q=0.9,zh;q=0.8")).toBe("en");
  expect(localeFromAcceptLanguage("fr-FR,zh-TW;q=0.5")).toBe("zh-Hans");
  expect(localeFromAcceptLanguage("de")).toBe("en");
  expect(localeFromAcceptLanguage(undefined)).toBe("en");
  expect(negotiateLocale("zh-Hans", "en")).toBe("zh-Hans");
  expect(negotiateLocale("klingon", "zh")).toBe("zh-Hans");
});

test("translate fills placeholders", () => {
  expect(translate("en", "nav.signedInAs", { name: "Willow" })).toBe("Signed in as Willow");
  expect(translate("zh-Hans", "throttle.wait", { minutes: 5 })).toContain("5");
});
