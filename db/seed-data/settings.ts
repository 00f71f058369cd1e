// Default values of the admin-editable settings (table `settings`, key → jsonb). Seeded once by
// seedDefaults and never overwritten there, so an admin's edit survives every restart; the
// services fall back to these when a row is missing. Shapes are checked in server/settings/.
import { helpEn } from "./help.en.ts";
import { helpZhHans } from "./help.zh-Hans.ts";

export interface HelpService {
  name: string;
  offers: string;
  region: string;
  /** Phone numbers, addresses and hours, as plain text. */
  contact: string;
  /** An http(s) address, shown as a link. */
  url?: string;
}

export interface HelpResources {
  services: HelpService[];
  /** "If your images are shared": numbered steps, plain text. */
  steps: string[];
  note?: string;
}

/** Per reader language, or one address for all. A neutral page that is not personalised
 *  (docs/decisions/006-quick-exit.md). */
export type QuickExitUrl = string | { en?: string; "zh-Hans"?: string };

export const DEFAULT_QUICK_EXIT_URLS = { en: "https://www.bbc.co.uk/weather", "zh-Hans": "https://www.weather.com.cn/" } as const;

export const defaultSettings = {
  "quick_exit.url": { ...DEFAULT_QUICK_EXIT_URLS } as QuickExitUrl,
  "help.resources.en": helpEn as HelpResources,
  "help.resources.zh-Hans": helpZhHans as HelpResources,
  // Reasons a moderator can pick when acting; the member reads the one chosen. Admins edit them.
  "moderation.reason_templates": [
    "Shares identifying information about a person · 含有可识别他人身份的信息",
    "Sexual content or an image · 含有色情内容或图片",
    "Harassment or blaming a survivor · 骚扰或指责受害者",
    "Spam or advertising · 垃圾信息或广告",
    "Off topic for this forum · 与本论坛主题无关",
  ] as string[],
};
