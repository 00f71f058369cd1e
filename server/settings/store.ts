// Reading and writing admin-editable settings. Reads fall back to the default when a row is
// missing or no longer fits its shape; writes are validated, so the pages never see a bad value.
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "#db/client.ts";
import { settings } from "#db/schema.ts";
import { Invalid, type FieldErrors } from "#server/errors.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { closeAllSocketsAtCommit } from "#server/realtime/notify-live.ts";
import { audit, OPERATOR, type AuditActor } from "#server/moderation/audit.ts";
import { isSettingKey, SETTINGS, type SettingKey, type SettingValue } from "./keys.ts";

export async function readSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  const parsed = row ? SETTINGS[key].schema.safeParse(row.value) : null;
  return parsed?.success ? (parsed.data as SettingValue<K>) : SETTINGS[key].fallback;
}

/** Checks `value` against the key's shape and stores it with its audit row, in one transaction;
 *  throws `Invalid` with one message per offending path (e.g. `services.2.url`). Returns the
 *  value as stored. */
export async function writeSetting(db: Db, key: string, value: unknown, actor: AuditActor = OPERATOR) {
  if (!isSettingKey(key)) throw new Invalid({ key: "setting.unknownKey" });
  const parsed = SETTINGS[key].schema.safeParse(value);
  if (!parsed.success) {
    const fields: FieldErrors = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".") || "value"] ??= messageOf(issue);
    throw new Invalid(fields, "setting.invalidValue");
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key, value: parsed.data })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed.data, updatedAt: sql`now()` } });
    await audit(tx, actor, { action: "setting.change", targetKind: "setting", detail: { key, value: parsed.data } });
    // Probation's length decides who enters the members' chat room: sockets already in it
    // reconnect and are asked again (docs/chat.md), on every node, once this commits.
    if (key === "probation.posts") await closeAllSocketsAtCommit(tx);
  });
  return parsed.data as SettingValue<typeof key>;
}

/** Our own message for an issue; for a value that fits none of a union's shapes, the most
 *  telling message from inside them ("only http(s) addresses" rather than "invalid"). */
function messageOf(issue: z.core.$ZodIssue): MessageKey {
  if (issue.message.startsWith("setting.") || issue.message === "form.tooLong") return issue.message as MessageKey;
  if (issue.code === "invalid_union") {
    const inner = issue.errors
      .flat()
      .map(messageOf)
      .find((m) => m !== "setting.invalidValue");
    if (inner) return inner;
  }
  return "setting.invalidValue";
}

/** For the admin CLI: the value as one line of JSON. */
export async function settingAsJson(db: Db, key: string) {
  if (!isSettingKey(key)) throw new Invalid({ key: "setting.unknownKey" });
  return JSON.stringify(await readSetting(db, key));
}

/** For the admin CLI: VALUE is JSON text (a bare URL must be quoted, as JSON strings are). */
export async function setSettingFromJson(db: Db, key: string, json: string, actor: AuditActor = OPERATOR) {
  if (!isSettingKey(key)) throw new Invalid({ key: "setting.unknownKey" });
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Invalid({ value: "setting.notJson" });
  }
  return writeSetting(db, key, value, actor);
}
