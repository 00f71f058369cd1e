// /settings/evidence/new and /settings/evidence/:entryId on the server: the entry form's values
// (a new entry's time zone is the one of the member's newest entry, or UTC), the entry with its
// takedown request texts in English and Chinese, and saving and deleting. A refusal answers the
// form again with everything the member typed and a message at each field; nothing is lost.
import { data, redirect, type RouterContextProvider } from "react-router";
import { EVIDENCE_LIMITS } from "#app/contracts/evidence.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { uuidParam } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { isInvalid } from "#server/errors.ts";
import { entryFormValues, isBroken } from "#server/evidence/services.ts";
import { afterSuccess, doneNotices, evidenceVisitor, inOpenLog, LOG_PATH } from "./evidence-load.server.ts";

/** Every zone the server accepts (server/evidence/entry-form.ts), UTC first. */
const ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];

const TEXT_FIELDS = ["platform", "platformDetail", "place", "links", "seenAt", "timeZone", "description", "postedBy", "status", "followUp"];
const REPORT_FIELDS = Array.from({ length: EVIDENCE_LIMITS.reports }, (_, i) => [`report${i}To`, `report${i}Name`, `report${i}Case`, `report${i}On`]).flat();

/** What the member typed, to show again after a refusal (cut at a length no field may have). */
function typedValues(form: FormData) {
  const values: Record<string, string> = {};
  for (const name of [...TEXT_FIELDS, ...REPORT_FIELDS]) {
    const value = form.get(name);
    if (typeof value === "string") values[name] = value.slice(0, 4 * EVIDENCE_LIMITS.links);
  }
  return values;
}

function entryFailure(err: unknown, form: FormData) {
  const failure = formFailure(err, typedValues(form));
  // "{max} links at most": the service's numbers go with its messages.
  const params = isInvalid(err) ? err.params : undefined;
  return data({ ...failure.data, ...(params ? { formErrorParams: params } : {}), intent: "save" as const }, failure.init ?? undefined);
}

export async function loadNewEntry(context: Readonly<RouterContextProvider>) {
  const { who, evidence } = evidenceVisitor(context);
  const timeZone = await inOpenLog(() => evidence.defaultTimeZone(who));
  return { values: { timeZone, status: "not_reported" } as Record<string, string>, zones: ZONES };
}

export async function addEntry(context: Readonly<RouterContextProvider>, request: Request) {
  const { who, evidence } = evidenceVisitor(context);
  const form = await readForm(request);
  try {
    const added = await inOpenLog(() => evidence.add(who, form));
    return redirect(`${afterSuccess(LOG_PATH, "added", added.imageRemoved)}#entry-${added.id}`);
  } catch (err) {
    return entryFailure(err, form);
  }
}

export async function loadEntry(context: Readonly<RouterContextProvider>, request: Request, entryId: string | undefined) {
  const id = uuidParam(entryId);
  const { who, evidence } = evidenceVisitor(context);
  const { entry, takedown } = await inOpenLog(() => evidence.entryPage(who, id));
  const notices = doneNotices(request);
  if (isBroken(entry)) return { entry, notices, values: {}, zones: [], takedown: null };
  return { entry, notices, values: entryFormValues(entry), zones: ZONES, takedown };
}

export async function entryAction(context: Readonly<RouterContextProvider>, request: Request, entryId: string | undefined) {
  const id = uuidParam(entryId);
  const { who, evidence } = evidenceVisitor(context);
  const form = await readForm(request);
  if (form.get("intent") === "delete") {
    if (form.get("confirm") !== "yes") {
      return data(
        { ok: false as const, intent: "delete" as const, fieldErrors: { confirm: "evidence.ui.confirmDelete" as const }, values: {} as Record<string, string> },
        { status: 400 },
      );
    }
    await inOpenLog(() => evidence.remove(who, id));
    return redirect(afterSuccess(LOG_PATH, "deleted"));
  }
  try {
    const saved = await inOpenLog(() => evidence.update(who, id, form));
    return redirect(afterSuccess(`${LOG_PATH}/${id}`, "saved", saved.imageRemoved));
  } catch (err) {
    return entryFailure(err, form);
  }
}
