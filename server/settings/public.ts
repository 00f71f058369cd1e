// The settings as the pages use them: where quick exit goes, the help page's resources, and the
// retention periods the privacy page states.
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

/** How long things are kept before the retention jobs delete them, in days (/privacy). */
export async function retentionPeriods(db: Db) {
  const [notifications, mediaRemovals, audit, rejectedPosts, closedReports] = await Promise.all([
    readSetting(db, "retention.notifications_days"),
    readSetting(db, "retention.media_removals_days"),
    readSetting(db, "retention.audit_days"),
    readSetting(db, "retention.rejected_posts_days"),
    readSetting(db, "retention.closed_reports_days"),
  ]);
  return { notifications, mediaRemovals, audit, rejectedPosts, closedReports };
}
