// /settings/moderation: the member's own moderation history, newest first, with the reasons
// moderators gave, and an appeal form (once per removal, rejected post or suspension). Open to
// suspended members too: they can read and appeal. Plain forms; works without JavaScript.
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/settings-moderation";
import { servicesContext } from "#app/context.ts";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import { eventHeadline } from "#app/i18n/history.notices.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { stamp } from "#app/lib/time.ts";
import { APPEAL_NOTE_MAX } from "#server/appeals/forms.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const entries = await context.get(servicesContext).appeals.history(visitor.member);
  return {
    noteMax: APPEAL_NOTE_MAX,
    entries: entries.map((e) => ({
      id: e.id,
      headline: eventHeadline(visitor.locale, { kind: e.kind, reason: e.reason, thread: e.thread, until: e.until?.toISOString() ?? null }),
      reason: e.reason,
      thread: e.thread,
      threadId: e.threadId,
      created: stamp(e.createdAt, visitor.locale),
      appealable: e.appealable,
      appeal: e.appeal
        ? { state: e.appeal.state, response: "response" in e.appeal ? e.appeal.response : null, created: stamp(e.appeal.createdAt, visitor.locale) }
        : null,
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const form = await readForm(request);
  const eventId = String(form.get("eventId") ?? "");
  try {
    await orNotFound(() => context.get(servicesContext).appeals.appeal(visitor.member, eventId, form));
    return data({ ok: true as const, eventId });
  } catch (err) {
    const note = form.get("note");
    const failure = formFailure(err, typeof note === "string" ? { note: note.slice(0, 4 * APPEAL_NOTE_MAX) } : {});
    return data({ ...failure.data, eventId }, failure.init ?? undefined);
  }
}

export const headers = forwardHeaders;

export default function SettingsModeration({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="panel">
      <PageTitle>{`${t("history.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("history.title")}</h1>
      <p>{t("history.intro")}</p>
      {actionData?.ok ? (
        <p role="status" className="notice">
          {t("history.appealSent")}
        </p>
      ) : null}
      {loaderData.entries.length === 0 ? <p>{t("history.empty")}</p> : null}
      <ol className="history">
        {loaderData.entries.map((e) => {
          const state = actionData && !actionData.ok && actionData.eventId === e.id ? (actionData as FormState) : null;
          return (
            <li key={e.id}>
              <h2>{e.headline}</h2>
              <p>
                <TimeStamp at={e.created} />
              </p>
              <p>{t("history.reason", { reason: e.reason ?? t("history.noReason") })}</p>
              {e.thread ? (
                <p>
                  {t("history.threadLabel")}{" "}
                  {e.threadId ? (
                    <Link to={`/t/${e.threadId}`}>{e.thread}</Link>
                  ) : (
                    <>
                      {e.thread} {t("history.threadGone")}
                    </>
                  )}
                </p>
              ) : null}
              {/* Also above an appeal's state: a second appeal's refusal is shown next to the first. */}
              <ErrorSummary state={state} idFor={() => `note-${e.id}`} />
              {e.appeal ? <AppealState appeal={e.appeal} /> : e.appealable ? <AppealForm eventId={e.id} noteMax={loaderData.noteMax} state={state} /> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function AppealState({ appeal }: { appeal: { state: "waiting" | "upheld" | "overturned"; response: string | null } }) {
  const t = useT();
  const text = appeal.state === "waiting" ? t("history.appealWaiting") : appeal.state === "upheld" ? t("history.appealUpheld") : t("history.appealOverturned");
  return (
    <div className="appeal">
      <p>{text}</p>
      {appeal.response ? <p>{t("history.appealResponse", { response: appeal.response })}</p> : null}
    </div>
  );
}

function AppealForm({ eventId, noteMax, state }: { eventId: string; noteMax: number; state: FormState | null }) {
  const t = useT();
  const id = `note-${eventId}`;
  const error = state?.fieldErrors.note;
  return (
    <Form method="post" className="appeal" noValidate>
      <h3>{t("history.appealHeading")}</h3>
      <input type="hidden" name="eventId" value={eventId} />
      <div className={error ? "field field-error" : "field"}>
        <label htmlFor={id}>{t("history.appealNote")}</label>
        <p className="hint" id={`${id}-hint`}>
          {t("history.appealHint")}
        </p>
        {error ? (
          <p className="error" id={`${id}-error`}>
            {t(error)}
          </p>
        ) : null}
        <textarea
          id={id}
          name="note"
          rows={4}
          maxLength={noteMax}
          required
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          defaultValue={state?.values.note}
        />
      </div>
      <button type="submit">{t("history.appealSubmit")}</button>
    </Form>
  );
}
