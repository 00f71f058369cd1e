// The settings as the pages use them: where quick exit goes, and the help page's resources.
import type { Db } from "#db/client.ts";
import { DEFAULT_QUICK_EXIT_URLS } from "#db/seed-data/settings.ts";
import { isDatabaseDown } from "#server/errors.ts";
import type { Locale } from "#app/i18n/catalog.ts";
import { SETTINGS } from "./keys.ts";
import { readSetting } from "./store.ts";

export async function quickExitDestination(db: Db, locale: Locale): Promise<string> {
  const value = await readSetting(db, "quick_exit.url");
  return typeof value === "string" ? value : (value[locale] ?? DEFAULT_QUICK_EXIT_URLS[locale]);
}

/** The help page must answer even while the database is away: then the seeded resources. */
export async function helpResources(db: Db, list: Locale) {
  const key = list === "en" ? "help.resources.en" : "help.resources.zh-Hans";
  try {
    return await readSetting(db, key);
  } catch (err) {
    if (!isDatabaseDown(err)) throw err;
    return SETTINGS[key].fallback;
  }
}
