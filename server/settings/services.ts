// The settings capability: admin-editable settings, read with their fallback and written only
// when they fit their shape; the JSON forms are what the admin CLI prints and takes.
import type { ServiceDeps } from "#server/service-deps.ts";
import type { AuditActor } from "#server/moderation/audit.ts";
import type { SettingKey } from "./keys.ts";
import { retentionPeriods } from "./public.ts";
import { readSetting, setSettingFromJson, settingAsJson, writeSetting } from "./store.ts";

export function createSettingsServices(deps: ServiceDeps) {
  return {
    get: <K extends SettingKey>(key: K) => readSetting(deps.db, key),
    /** `actor`: who changes it, for the audit log (the operator at the shell by default). */
    set: (key: string, value: unknown, actor?: AuditActor) => writeSetting(deps.db, key, value, actor),
    getJson: (key: string) => settingAsJson(deps.db, key),
    /** The retention periods, in days, for the privacy page: public facts, for anyone. */
    retention: () => retentionPeriods(deps.db),
    setJson: (key: string, json: string, actor?: AuditActor) => setSettingFromJson(deps.db, key, json, actor),
  };
}
