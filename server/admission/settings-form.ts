// The admin settings page's forms: each form saves one setting, from text a person typed (a
// watched word per line as `word = hold|block|flag`, a removal reason per line, numbers, JSON for
// the crisis resources, the evidence log's takedown request texts as they are), through
// writeSetting, which validates and audits. A bad line is named by its number; nothing is saved
// unless the whole value fits.
import type { Db } from "#db/client.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { Invalid, isInvalid } from "#server/errors.ts";
import type { AuditActor } from "#server/moderation/audit.ts";
import { WATCH_ACTIONS, type SettingKey, type WatchAction } from "#server/settings/keys.ts";
import { readSetting, writeSetting } from "#server/settings/store.ts";

export const SETTING_FORMS = [
  "registration",
  "probation",
  "watched",
  "templates",
  "repeat",
  "help-en",
  "help-zh-Hans",
  "takedown-en",
  "takedown-zh-Hans",
] as const;
export type SettingForm = (typeof SETTING_FORMS)[number];

/** An Invalid that names the line of a textarea where the problem is (1-based). */
export class InvalidLine extends Invalid {
  constructor(
    field: string,
    message: MessageKey,
    readonly line: number,
  ) {
    super({ [field]: message }, "admission.settings.line");
  }
}

export function isInvalidLine(err: unknown): err is InvalidLine {
  return isInvalid(err) && typeof (err as { line?: unknown }).line === "number";
}

/** The settings as the page's fields show them. */
export async function settingsFormValues(db: Db) {
  const [mode, posts, watched, templates, repeat, helpEn, helpZh, takedownEn, takedownZh] = await Promise.all([
    readSetting(db, "registration.mode"),
    readSetting(db, "probation.posts"),
    readSetting(db, "moderation.watched_words"),
    readSetting(db, "moderation.reason_templates"),
    readSetting(db, "moderation.repeat_image"),
    readSetting(db, "help.resources.en"),
    readSetting(db, "help.resources.zh-Hans"),
    readSetting(db, "evidence.takedown.en"),
    readSetting(db, "evidence.takedown.zh-Hans"),
  ]);
  return {
    mode,
    posts: String(posts),
    words: watched.map((w) => `${w.word} = ${w.action}`).join("\n"),
    templates: templates.join("\n"),
    count: String(repeat.count),
    hours: String(repeat.hours),
    "resources-en": JSON.stringify(helpEn, null, 2),
    "resources-zh-Hans": JSON.stringify(helpZh, null, 2),
    "takedown-en": takedownEn,
    "takedown-zh-Hans": takedownZh,
  };
}

const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");

/** The lines of a textarea that are not blank, with their line numbers. */
function lines(text: string) {
  return text
    .split(/\r?\n/)
    .map((value, i) => ({ value: value.trim(), line: i + 1 }))
    .filter((l) => l.value !== "");
}

export function parseWatchedWords(text: string) {
  const out: Array<{ word: string; action: WatchAction }> = [];
  for (const { value, line } of lines(text)) {
    const at = value.lastIndexOf("=");
    if (at < 0) throw new InvalidLine("words", "admission.settings.wordShape", line);
    const word = value.slice(0, at).trim();
    const action = value
      .slice(at + 1)
      .trim()
      .toLowerCase();
    if (!word) throw new InvalidLine("words", "admission.settings.wordMissing", line);
    if (!(WATCH_ACTIONS as readonly string[]).includes(action)) throw new InvalidLine("words", "admission.settings.wordAction", line);
    out.push({ word, action: action as WatchAction });
  }
  return { value: out, lineOf: (index: number) => lines(text)[index]?.line ?? 1 };
}

function wholeNumber(text: string, name: string) {
  const value = text.trim();
  if (!/^\d{1,6}$/.test(value)) throw new Invalid({ [name]: "admission.settings.wholeNumber" });
  return Number(value);
}

/** Writes one setting; writeSetting's messages come back on this form's own field names. */
async function save(db: Db, by: AuditActor, key: SettingKey, value: unknown, fieldOf: (path: string) => string, lineOf?: (index: number) => number) {
  try {
    return await writeSetting(db, key, value, by);
  } catch (err) {
    if (!isInvalid(err)) throw err;
    const [path, message] = Object.entries(err.fields).find((e): e is [string, MessageKey] => Boolean(e[1])) ?? ["value", "setting.invalidValue"];
    const index = Number(path.split(".")[0]);
    if (lineOf && Number.isInteger(index)) throw new InvalidLine(fieldOf(path), message, lineOf(index));
    if (fieldOf(path) !== path) throw new Invalid({ [fieldOf(path)]: message }, err.formError);
    throw err;
  }
}

/** Saves the form named `which`. Throws Invalid (or InvalidLine) with this form's field names. */
export async function saveSettingsForm(db: Db, by: AuditActor, which: string, form: Record<string, unknown>) {
  switch (which) {
    case "registration":
      return save(db, by, "registration.mode", field(form, "mode"), () => "mode");
    case "probation":
      return save(db, by, "probation.posts", wholeNumber(field(form, "posts"), "posts"), () => "posts");
    case "watched": {
      const parsed = parseWatchedWords(field(form, "words"));
      return save(db, by, "moderation.watched_words", parsed.value, () => "words", parsed.lineOf);
    }
    case "templates": {
      const text = field(form, "templates");
      return save(
        db,
        by,
        "moderation.reason_templates",
        lines(text).map((l) => l.value),
        () => "templates",
        (index) => lines(text)[index]?.line ?? 1,
      );
    }
    case "repeat": {
      const value = { count: wholeNumber(field(form, "count"), "count"), hours: wholeNumber(field(form, "hours"), "hours") };
      return save(db, by, "moderation.repeat_image", value, (path) => (path === "hours" ? "hours" : "count"));
    }
    case "help-en":
    case "help-zh-Hans": {
      const name = which === "help-en" ? "resources-en" : "resources-zh-Hans";
      let value: unknown;
      try {
        value = JSON.parse(field(form, name));
      } catch {
        throw new Invalid({ [name]: "setting.notJson" });
      }
      // The per-path messages stay as they are (`services.2.url`): the page lists them.
      return save(db, by, which === "help-en" ? "help.resources.en" : "help.resources.zh-Hans", value, (path) => path);
    }
    case "takedown-en":
    case "takedown-zh-Hans": {
      // A textarea sends CRLF line ends; the setting refuses carriage returns (control characters).
      const text = field(form, which).replace(/\r\n?/g, "\n");
      return save(db, by, which === "takedown-en" ? "evidence.takedown.en" : "evidence.takedown.zh-Hans", text, () => which);
    }
    default:
      throw new Invalid({}, "form.invalid");
  }
}
