// /settings/evidence on the server: the log's state for this session, and when it is open the
// timeline (newest first, filtered by ?platform= and ?status=); and the forms that start a log,
// open a locked one with the passphrase, or start over when nothing can open it any more. Each
// form answers with a redirect (Post/Redirect/Get), or the form again with its messages.
import { data, redirect, type RouterContextProvider } from "react-router";
import { EVIDENCE_PLATFORMS, EVIDENCE_STATUSES, type EvidencePlatform, type EvidenceStatus } from "#app/contracts/evidence.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { Invalid } from "#server/errors.ts";
import { afterSuccess, doneNotices, evidenceVisitor, LOG_PATH } from "./evidence-load.server.ts";

export type LogIntent = "start" | "unlock" | "start-over";

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

export async function loadLog(context: Readonly<RouterContextProvider>, request: Request) {
  const { who, evidence } = evidenceVisitor(context);
  const params = new URL(request.url).searchParams;
  const filter = {
    platform: oneOf<EvidencePlatform>(EVIDENCE_PLATFORMS, params.get("platform")),
    status: oneOf<EvidenceStatus>(EVIDENCE_STATUSES, params.get("status")),
  };
  const { state, codesWithoutWrap, count, entries } = await evidence.page(who, filter);
  return { state, codesWithoutWrap, count, filter, entries, notices: doneNotices(request) };
}

export async function logAction(context: Readonly<RouterContextProvider>, request: Request) {
  const { visitor, who, evidence } = evidenceVisitor(context);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "") as LogIntent;
  try {
    switch (intent) {
      case "start":
        await evidence.start(who, form, await visitor.clientKey());
        return redirect(afterSuccess(LOG_PATH, "started"));
      case "unlock":
        await evidence.unlock(who, form, await visitor.clientKey());
        return redirect(afterSuccess(LOG_PATH, "opened"));
      case "start-over":
        // Deleting entries for good: the member ticks the box as well as giving the passphrase.
        if (form.get("confirm") !== "yes") throw new Invalid({ confirm: "evidence.ui.confirmStartOver" });
        // A log the passphrase still opens is opened, not deleted.
        return redirect(afterSuccess(LOG_PATH, await evidence.startOver(who, form, await visitor.clientKey())));
      default:
        throw httpError(400);
    }
  } catch (err) {
    // Nothing to keep: these forms hold only a passphrase, which is never sent back.
    const failure = formFailure(err);
    return data({ ...failure.data, intent }, failure.init ?? undefined);
  }
}
