// /mod/appeals/:appealId: a moderator reads one appeal (the event, the reason given, the
// member's note) and decides it: upheld, or overturned (which undoes the action). The removed
// post's text stays folded until the moderator opens it (moderator wellbeing). 403 for anyone
// who may not decide it, 404 for an unknown appeal. Works without JavaScript.
import { Form, redirect } from "react-router";
import type { Route } from "./+types/mod-appeal";
import { servicesContext } from "#app/context.ts";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { uuidParam } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { exactTime, stamp } from "#app/lib/time.ts";
import { APPEAL_RESPONSE_MAX } from "#server/appeals/forms.ts";
import { isForbidden, isNotFound } from "#server/errors.ts";
import { PageTitle } from "#app/components/page-title.tsx";

/** Forbidden is a 403 here (moderators know the queue exists); NotFound a 404. */
async function asStatus<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isForbidden(err)) throw httpError(403);
    if (isNotFound(err)) throw httpError(404);
    throw err;
  }
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const appealId = uuidParam(params.appealId);
  const found = await asStatus(() => context.get(servicesContext).appeals.appealCase(visitor.member, appealId));
  const { event } = found;
  const kindKey = event.kind === "suspension" && !event.until ? "history.mod.kind.suspensionOpen" : `history.mod.kind.${event.kind}`;
  return {
    responseMax: APPEAL_RESPONSE_MAX,
    saved: new URL(request.url).searchParams.get("decided") === "1",
    member: found.member,
    note: found.note,
    appealed: stamp(found.createdAt, visitor.locale),
    kind: event.kind,
    kindKey: kindKey as MessageKey,
    until: event.until ? exactTime(event.until, visitor.locale) : "",
    reason: event.reason,
    thread: event.context ?? found.threadTitle,
    postText: event.kind === "suspension" ? null : found.postText,
    happened: stamp(event.createdAt, visitor.locale),
    decided: found.outcome && found.decidedAt ? { outcome: found.outcome, response: found.response } : null,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const appealId = uuidParam(params.appealId);
  const form = await readForm(request);
  const outcome = String(form.get("outcome") ?? "");
  const response = String(form.get("response") ?? "");
  try {
    await asStatus(() => context.get(servicesContext).appeals.decide(visitor.member, appealId, outcome, response));
    return redirect(`/mod/appeals/${appealId}?decided=1`);
  } catch (err) {
    return formFailure(err, { response: response.slice(0, 4 * APPEAL_RESPONSE_MAX) });
  }
}

export const headers = forwardHeaders;

function Lines({ text }: { text: string }) {
  const lines = text.split("\n");
  return (
    <div className="post-body">
      {lines.map((line, i) => (
        <span key={i}>
          {line}
          {i < lines.length - 1 ? <br /> : null}
        </span>
      ))}
    </div>
  );
}

export default function ModAppeal({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const state = actionData as FormState | undefined;
  return (
    <section className="panel">
      <PageTitle>{`${t("history.mod.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("history.mod.from", { name: d.member })}</h1>
      {d.saved ? (
        <p role="status" className="notice">
          {t("history.mod.saved")}
        </p>
      ) : null}
      <h2>{t("history.mod.event")}</h2>
      <p>
        <strong>{t(d.kindKey, { until: d.until })}</strong> · <TimeStamp at={d.happened} />
      </p>
      <p>{t("history.mod.reason", { reason: d.reason ?? t("history.noReason") })}</p>
      {d.thread ? <p>{t("history.mod.thread", { thread: d.thread })}</p> : null}
      {d.kind !== "suspension" ? (
        d.postText !== null ? (
          <details className="removed-post">
            <summary>{t("history.mod.postText")}</summary>
            <Lines text={d.postText} />
          </details>
        ) : (
          <p>{t("history.mod.postGone")}</p>
        )
      ) : null}
      <h2>{t("history.mod.note")}</h2>
      <p>
        {t("history.mod.appealed")} <TimeStamp at={d.appealed} />
      </p>
      <Lines text={d.note} />
      <h2>{t("history.mod.decision")}</h2>
      {d.decided ? (
        <>
          <p>{d.decided.outcome === "upheld" ? t("history.mod.decidedUpheld") : t("history.mod.decidedOverturned")}</p>
          {d.decided.response ? <p>{t("history.mod.responseGiven", { response: d.decided.response })}</p> : null}
        </>
      ) : (
        <>
          <ErrorSummary state={state} idFor={(name) => (name === "outcome" ? "outcome-upheld" : name)} />
          <Form method="post" noValidate>
            <fieldset>
              <legend>{t("history.mod.decision")}</legend>
              <p>
                <input type="radio" id="outcome-upheld" name="outcome" value="upheld" required />{" "}
                <label htmlFor="outcome-upheld">{t("history.mod.upheld")}</label>
              </p>
              <p>
                <input type="radio" id="outcome-overturned" name="outcome" value="overturned" />{" "}
                <label htmlFor="outcome-overturned">{d.kind === "suspension" ? t("history.mod.overturnedSuspension") : t("history.mod.overturnedPost")}</label>
              </p>
            </fieldset>
            <div className={state?.fieldErrors.response ? "field field-error" : "field"}>
              <label htmlFor="response">{t("history.mod.response")}</label>
              <p className="hint" id="response-hint">
                {t("history.mod.responseHint")}
              </p>
              {state?.fieldErrors.response ? (
                <p className="error" id="response-error">
                  {t(state.fieldErrors.response)}
                </p>
              ) : null}
              <textarea
                id="response"
                name="response"
                rows={3}
                maxLength={d.responseMax}
                aria-describedby="response-hint"
                defaultValue={state?.values.response}
              />
            </div>
            <button type="submit">{t("history.mod.submit")}</button>
          </Form>
        </>
      )}
    </section>
  );
}
