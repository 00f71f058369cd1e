// The evidence log capability (docs/evidence.md, decision 018): a member's own sealed record of
// where their images appeared. Every function takes the member as the page has them (`who`: the
// actor and this session's token, which opens the data key) and authorizes itself
// (`evidence.own`): only ever the member's own rows. No moderator, admin or CLI path reads it.
import type { EvidencePlatform, EvidenceStatus } from "#app/contracts/evidence.ts";
import type { Locale } from "#app/i18n/catalog.ts";
import { confirmWithPassphraseForm } from "#server/auth/auth-forms.ts";
import { confirmPassphrase } from "#server/auth/reauth.ts";
import { authorized, type Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { readSetting } from "#server/settings/store.ts";
import { evidenceEntries, evidenceKeys } from "#db/schema.ts";
import { eq } from "drizzle-orm";
import { addEntry, allEntries, deleteEntry, entryCount, getEntry, isBroken, latestTimeZone, updateEntry } from "./entries.ts";
import { parseEvidenceForm } from "./entry-form.ts";
import { evidenceCsv, evidenceJson } from "./export.ts";
import { codesWithoutWrap, hasLog, keyFromPassphrase, keyFromSession, lockMember, sealNewLog, wrapForSession } from "./keys.ts";
import { takedownText } from "./takedown.ts";

export { entryFormValues } from "./entry-form.ts";
export { isBroken } from "./entries.ts";

export interface EvidenceWho {
  actor: Actor | null;
  /** This session's token (Visitor.sessionToken()); null opens nothing. */
  token: string | null;
}

/** `open`: this session opens the log. `locked`: there is a log this session cannot open yet (a
 *  session from before the log, or one whose passphrase does not open it). `none`: no log yet. */
export type EvidenceState = "open" | "locked" | "none";

export interface EvidenceFilter {
  platform?: EvidencePlatform | null;
  status?: EvidenceStatus | null;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** Today's date (YYYY-MM-DD) in `zone` (one formatter per zone: making one is slow). */
function todayIn(zone: string, now: Date): string {
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(zone, format);
  }
  return format.format(now);
}

export function createEvidenceServices(deps: ServiceDeps) {
  const { db } = deps;
  const member = (who: EvidenceWho) => authorized(who.actor, "evidence.own").id;

  /** Every entry opened, filtered, follow-ups marked (`due`), newest sighting first. */
  async function timeline(id: string, key: Buffer, filter: EvidenceFilter, now: Date) {
    const entries = await allEntries(db, id, key);
    const shown = entries.filter(
      (e) => isBroken(e) || ((!filter.platform || e.platform === filter.platform) && (!filter.status || e.status === filter.status)),
    );
    return shown.map((e) => (isBroken(e) ? e : { ...e, due: e.followUp !== "" && e.followUp <= todayIn(e.timeZone, now) }));
  }

  /** The data key for this session, or Invalid("locked"). */
  async function dataKey(who: EvidenceWho) {
    const id = member(who);
    const key = who.token ? await keyFromSession(db, id, who.token) : null;
    if (!key) throw new Invalid({}, "evidence.error.locked");
    return { id, key };
  }

  return {
    state: async (who: EvidenceWho): Promise<{ state: EvidenceState; codesWithoutWrap: number; entries: number }> => {
      const id = member(who);
      const key = who.token ? await keyFromSession(db, id, who.token) : null;
      const state: EvidenceState = key ? "open" : (await hasLog(db, id)) ? "locked" : "none";
      return { state, codesWithoutWrap: state === "none" ? 0 : await codesWithoutWrap(db, id), entries: await entryCount(db, id) };
    },

    /** Opens a locked log for this session with a passphrase (the current one, or the one it was
     *  sealed with); throttled like every passphrase check. Field: `current`. */
    unlock: async (who: EvidenceWho, data: FormInput, clientKey: string) => {
      const id = member(who);
      const form = parseForm(confirmWithPassphraseForm, data);
      if (!who.token) throw new Invalid({}, "evidence.error.locked");
      await deps.throttle.before("reauth", id, clientKey);
      const key = await keyFromPassphrase(db, id, form.current);
      if (!key) {
        await deps.throttle.failed("reauth", id, clientKey);
        throw new Invalid({ current: "evidence.error.unlockFailed" });
      }
      await deps.throttle.succeeded("reauth", id, clientKey);
      await wrapForSession(db, id, who.token, key);
    },

    /** A new log for a member who has none (joined before the log existed and not signed in
     *  since), sealed with the current passphrase (confirmed) and this session. */
    start: async (who: EvidenceWho, data: FormInput, clientKey: string) => {
      const id = member(who);
      const form = parseForm(confirmWithPassphraseForm, data);
      await confirmPassphrase({ db, throttle: deps.throttle }, id, form.current, clientKey);
      if (!who.token) throw new Invalid({}, "evidence.error.locked");
      if (await hasLog(db, id)) return;
      await sealNewLog(db, id, { passphrase: form.current, sessionToken: who.token });
    },

    /** A log that nothing the member still has can open: its sealed entries deleted (nobody can
     *  read them, ever) and a new, empty log sealed with the current passphrase. */
    startOver: async (who: EvidenceWho, data: FormInput, clientKey: string) => {
      const id = member(who);
      const form = parseForm(confirmWithPassphraseForm, data);
      await confirmPassphrase({ db, throttle: deps.throttle }, id, form.current, clientKey);
      if (!who.token) throw new Invalid({}, "evidence.error.locked");
      const token = who.token;
      // Never a log that can still be opened: this session's, or one the current passphrase opens
      // (then it is simply opened here). Returns what was done.
      return db.transaction(async (tx): Promise<"opened" | "startedOver"> => {
        await lockMember(tx, id);
        if (await keyFromSession(tx, id, token)) return "opened";
        const key = await keyFromPassphrase(tx, id, form.current);
        if (key) {
          await wrapForSession(tx, id, token, key);
          return "opened";
        }
        await tx.delete(evidenceEntries).where(eq(evidenceEntries.memberId, id));
        await tx.delete(evidenceKeys).where(eq(evidenceKeys.memberId, id));
        await sealNewLog(tx, id, { passphrase: form.current, sessionToken: token });
        return "startedOver";
      });
    },

    /** The timeline: newest sighting first, filtered; `due` marks entries whose follow-up date
     *  has come (in the entry's own zone). Broken entries are listed as such, never shown. */
    list: async (who: EvidenceWho, filter: EvidenceFilter = {}, now = new Date()) => {
      const { id, key } = await dataKey(who);
      return timeline(id, key, filter, now);
    },

    /** The log's page in one go: its state and, when this session opens it, the timeline (the
     *  session's wrap opened once, not once for the state and again for the list). */
    page: async (who: EvidenceWho, filter: EvidenceFilter = {}, now = new Date()) => {
      const id = member(who);
      const key = who.token ? await keyFromSession(db, id, who.token) : null;
      const state: EvidenceState = key ? "open" : (await hasLog(db, id)) ? "locked" : "none";
      return {
        state,
        codesWithoutWrap: state === "none" ? 0 : await codesWithoutWrap(db, id),
        count: await entryCount(db, id),
        entries: key ? await timeline(id, key, filter, now) : [],
      };
    },

    get: async (who: EvidenceWho, entryId: string) => {
      const { id, key } = await dataKey(who);
      return getEntry(db, id, key, entryId);
    },

    /** An entry and its takedown texts in both languages (null for a broken entry), opened once. */
    entryPage: async (who: EvidenceWho, entryId: string) => {
      const { id, key } = await dataKey(who);
      const entry = await getEntry(db, id, key, entryId);
      if (isBroken(entry)) return { entry, takedown: null };
      const [en, zh] = await Promise.all([readSetting(db, "evidence.takedown.en"), readSetting(db, "evidence.takedown.zh-Hans")]);
      return { entry, takedown: { en: takedownText(en, entry, "en"), "zh-Hans": takedownText(zh, entry, "zh-Hans") } };
    },

    /** The time zone a new entry starts with: that of the entry written last, or UTC. */
    defaultTimeZone: async (who: EvidenceWho) => {
      const { id, key } = await dataKey(who);
      return (await latestTimeZone(db, id, key)) ?? "UTC";
    },

    /** Adds an entry; `imageRemoved` when the media guard took something out (tell the member). */
    add: async (who: EvidenceWho, data: FormInput) => {
      const { id, key } = await dataKey(who);
      const { fields, imageRemoved } = parseEvidenceForm(data);
      return { id: await addEntry(db, id, key, fields), imageRemoved };
    },

    update: async (who: EvidenceWho, entryId: string, data: FormInput) => {
      const { id, key } = await dataKey(who);
      const { fields, imageRemoved } = parseEvidenceForm(data);
      await updateEntry(db, id, key, entryId, fields);
      return { imageRemoved };
    },

    /** Deletes an entry; like every other change, only from a session that opens the log. */
    remove: async (who: EvidenceWho, entryId: string) => {
      const { id } = await dataKey(who);
      await deleteEntry(db, id, entryId);
    },

    exportJson: async (who: EvidenceWho, now = new Date()) => {
      const { id, key } = await dataKey(who);
      return evidenceJson(await allEntries(db, id, key), now);
    },

    exportCsv: async (who: EvidenceWho, locale: Locale) => {
      const { id, key } = await dataKey(who);
      return evidenceCsv(await allEntries(db, id, key), locale);
    },

    /** The takedown request for one entry in `locale`, from the admin-editable template. */
    takedown: async (who: EvidenceWho, entryId: string, locale: Locale) => {
      const { id, key } = await dataKey(who);
      const entry = await getEntry(db, id, key, entryId);
      if (isBroken(entry)) return null;
      const template = await readSetting(db, locale === "en" ? "evidence.takedown.en" : "evidence.takedown.zh-Hans");
      return takedownText(template, entry, locale);
    },
  };
}

export type EvidenceServices = ReturnType<typeof createEvidenceServices>;
