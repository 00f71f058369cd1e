// The admin-editable settings: each key's shape (zod) and default. Only these keys can be read
// or written through the services and the CLI, so the table's generated secrets stay out of reach.
import { z } from "zod";
import { defaultSettings, type HelpResources, type QuickExitUrl } from "#db/seed-data/settings.ts";
import { DEFAULT_TAKEDOWN } from "#server/evidence/takedown.ts";

/** An absolute http(s) address with no user name or password, normalised. Anything else —
 *  `javascript:`, `data:`, a relative path — is refused: it would run or stay on this site. */
export function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && !url.username && !url.password;
  } catch {
    return false;
  }
}

const httpUrl = z
  .string()
  .max(2000, "form.tooLong")
  .refine(isHttpUrl, "setting.httpUrlOnly")
  .transform((value) => new URL(value).href);

// Plain text only: it is rendered as text, but control characters have no business here.
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "setting.invalidValue")
    .max(max, "form.tooLong")
    .refine((value) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value), "setting.invalidValue");

const quickExitUrl: z.ZodType<QuickExitUrl, unknown> = z.union([httpUrl, z.strictObject({ en: httpUrl.optional(), "zh-Hans": httpUrl.optional() })]);

const helpResources: z.ZodType<HelpResources, unknown> = z.strictObject({
  services: z
    .array(z.strictObject({ name: text(200), offers: text(1000), region: text(100), contact: text(300), url: httpUrl.optional() }))
    .min(1, "setting.invalidValue")
    .max(50, "form.tooLong"),
  steps: z.array(text(2000)).max(20, "form.tooLong"),
  note: text(1000).optional(),
});

export const REGISTRATION_MODES = ["open", "approval", "invite"] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
export const WATCH_ACTIONS = ["hold", "block", "flag"] as const;
export type WatchAction = (typeof WATCH_ACTIONS)[number];

const registrationMode = z.enum(REGISTRATION_MODES, { message: "setting.invalidValue" });
const count = (min: number, max: number) =>
  z.number({ message: "setting.invalidValue" }).int("setting.invalidValue").min(min, "setting.invalidValue").max(max, "setting.invalidValue");

// A watched word or phrase, matched case-insensitively after NFKC (server/holds/watched-words.ts).
const watchedWords = z.array(z.strictObject({ word: text(100), action: z.enum(WATCH_ACTIONS, { message: "setting.invalidValue" }) })).max(500, "form.tooLong");

const reasonTemplates = z.array(text(300)).max(50, "form.tooLong");

const repeatImage = z.strictObject({ count: count(1, 100), hours: count(1, 24 * 30) });

export const SETTINGS = {
  "quick_exit.url": { schema: quickExitUrl, fallback: defaultSettings["quick_exit.url"] },
  "help.resources.en": { schema: helpResources, fallback: defaultSettings["help.resources.en"] },
  "help.resources.zh-Hans": { schema: helpResources, fallback: defaultSettings["help.resources.zh-Hans"] },
  "registration.mode": { schema: registrationMode, fallback: "open" as RegistrationMode },
  "probation.posts": { schema: count(0, 100), fallback: 3 as number },
  "moderation.watched_words": { schema: watchedWords, fallback: [] as Array<{ word: string; action: WatchAction }> },
  "moderation.reason_templates": { schema: reasonTemplates, fallback: defaultSettings["moderation.reason_templates"] },
  "moderation.repeat_image": { schema: repeatImage, fallback: { count: 3, hours: 24 } as { count: number; hours: number } },
  // Whether members on probation may write in chat rooms (they always read).
  "chat.probation_writes": { schema: z.boolean({ message: "setting.invalidValue" }), fallback: false as boolean },
  // How long Hearth keeps things before a job deletes them for real (issue 12; chat: each room's
  // own retention_days). Days; the privacy page (/privacy) is generated from these.
  "retention.notifications_days": { schema: count(1, 3650), fallback: 90 as number },
  "retention.media_removals_days": { schema: count(1, 3650), fallback: 90 as number },
  "retention.audit_days": { schema: count(30, 3650), fallback: 365 as number },
  "retention.rejected_posts_days": { schema: count(1, 3650), fallback: 30 as number },
  "retention.closed_reports_days": { schema: count(7, 3650), fallback: 180 as number },
  // The evidence log's takedown request texts (server/evidence/takedown.ts lists the placeholders).
  "evidence.takedown.en": { schema: text(6000), fallback: DEFAULT_TAKEDOWN.en as string },
  "evidence.takedown.zh-Hans": { schema: text(6000), fallback: DEFAULT_TAKEDOWN["zh-Hans"] as string },
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]["fallback"];

export function isSettingKey(key: unknown): key is SettingKey {
  return typeof key === "string" && Object.hasOwn(SETTINGS, key);
}
