import { expect, test } from "vitest";
import { catalogFor, LOCALES, pluralBlocks, translate, type MessageKey } from "#app/i18n/catalog.ts";
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
  const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(\}|, plural,)/g)].map((m) => m[1]))].sort();
  for (const key of Object.keys(en) as (keyof typeof en)[]) expect(names(zhHans[key]), key).toEqual(names(en[key]));
});

test("Chinese texts are really translated, not copied English", () => {
  // Names of platforms and services are written the same in both languages.
  const properNames = new Set(["evidence.platform.reddit", "evidence.platform.instagram", "evidence.platform.facebook", "evidence.reportedTo.stopncii"]);
  const same = (Object.keys(en) as (keyof typeof en)[]).filter(
    (k) => en[k] === zhHans[k] && /[a-z]{4}/i.test(en[k]) && !k.startsWith("lang.") && !properNames.has(k),
  );
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

// Every message whose placeholder is a number: these must go through plural rules.
const COUNTED = ["recover.codesLeft", "settings.codesLeft", "throttle.wait", "forums.threads", "forums.posts", "forum.replies", "search.count"] as const;

test("every count has exactly its language's plural forms (en: one, other; zh-Hans: other)", () => {
  for (const locale of LOCALES) {
    const catalog = catalogFor(locale);
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    expect(categories.length, locale).toBeGreaterThan(0);
    for (const key of Object.keys(catalog) as MessageKey[]) {
      for (const block of pluralBlocks(catalog[key])) {
        expect(
          Object.keys(block.forms)
            .filter((f) => !f.startsWith("="))
            .sort(),
          `${locale} ${key}`,
        ).toEqual(categories);
        for (const form of Object.values(block.forms)) expect(form, `${locale} ${key}`).toContain("#");
      }
    }
    for (const key of COUNTED) expect(pluralBlocks(catalog[key]), `${locale} ${key} has a plural`).toHaveLength(1);
    // A bare {count} or {minutes} outside a plural would read "1 posts" again ("Notifications (3)"
    // has no noun to agree).
    for (const key of Object.keys(catalog) as MessageKey[])
      if (key !== "notifications.count") expect(catalog[key], `${locale} ${key}`).not.toMatch(/\{(count|minutes)\}/);
  }
  expect(new Intl.PluralRules("zh-Hans").resolvedOptions().pluralCategories).toEqual(["other"]);
});

test("counts read naturally in English and Chinese", () => {
  expect(translate("en", "forums.posts", { count: 1 })).toBe("1 post");
  expect(translate("en", "forums.posts", { count: 0 })).toBe("0 posts");
  expect(translate("en", "forums.posts", { count: 2 })).toBe("2 posts");
  expect(translate("en", "forums.threads", { count: 1 })).toBe("1 thread");
  expect(translate("en", "forum.replies", { count: 1 })).toBe("1 post");
  expect(translate("en", "forums.posts", { count: 1234 })).toBe("1,234 posts");
  expect(translate("en", "throttle.wait", { minutes: 1 })).toBe("Too many attempts. Please wait 1 minute and try again.");
  expect(translate("en", "throttle.wait", { minutes: 15 })).toBe("Too many attempts. Please wait 15 minutes and try again.");
  expect(translate("en", "search.count", { count: 1, query: "rain" })).toBe("1 result for “rain”");
  expect(translate("en", "search.count", { count: 3, query: "rain" })).toBe("3 results for “rain”");
  expect(translate("en", "settings.codesLeft", { count: 1 })).toBe("You have 1 unused recovery code.");
  expect(translate("en", "recover.codesLeft", { count: 9 })).toBe("Your passphrase has been changed. You have 9 recovery codes left.");
  expect(translate("zh-Hans", "forums.posts", { count: 1 })).toBe("1 条帖子");
  expect(translate("zh-Hans", "forums.posts", { count: 2 })).toBe("2 条帖子");
  expect(translate("zh-Hans", "throttle.wait", { minutes: 1 })).toBe("尝试次数太多。请等待 1 分钟后再试。");
  expect(translate("zh-Hans", "search.count", { count: 1, query: "雨" })).toBe("“雨”的搜索结果：1 条");
  expect(translate("zh-Hans", "settings.codesLeft", { count: 1 })).toBe("你还有 1 个未使用的恢复码。");
});

test("every action the moderators' log offers as a filter has a name in both languages", async () => {
  const { AUDIT_ACTIONS } = await import("#server/moderation/audit-page.ts");
  const missing = AUDIT_ACTIONS.filter((action) => !(`audit.action.${action}` in en) || !(`audit.action.${action}` in zhHans));
  expect(missing).toEqual([]);
});

test("every audit action Hearth writes under a fixed name is offered by the log's filter", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const { AUDIT_ACTIONS } = await import("#server/moderation/audit-page.ts");
  const offered = new Set<string>(AUDIT_ACTIONS);
  const files = readdirSync("server", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  const written = new Set(files.flatMap((f) => [...readFileSync(`server/${f}`, "utf8").matchAll(/action: "([a-z_]+\.[a-z_.]+)"/g)].map((m) => m[1]!)));
  expect(written.size).toBeGreaterThan(10);
  expect([...written].filter((a) => !offered.has(a)).sort()).toEqual([]);
});
