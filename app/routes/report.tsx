import { data, Form, Link } from "react-router";
import type { Route } from "./+types/report";
import { servicesContext } from "#app/context.ts";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure, keepValues } from "#app/lib/form-result.server.ts";
import { orNotFound, uuidParam } from "#app/lib/not-found.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { REPORT_NOTE_MAX } from "#app/contracts/limits.ts";
import { REPORT_REASONS } from "#app/contracts/reports.ts";
import { readForm } from "#app/lib/read-form.server.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const postId = uuidParam(params.postId);
  const post = await orNotFound(() => context.get(servicesContext).forums.reportablePost(visitor.member, postId));
  return { threadId: post.threadId };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const postId = uuidParam(params.postId);
  const form = await readForm(request);
  try {
    const done = await orNotFound(() => context.get(servicesContext).forums.reportPost(visitor.member, postId, form));
    return data({ ok: true as const, threadId: done.threadId });
  } catch (err) {
    return formFailure(err, keepValues(form, ["note"]));
  }
}

export const headers = forwardHeaders;

export default function Report({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  if (actionData?.ok) {
    return (
      <section className="panel">
        <title>{`${t("report.title")} · ${t("site.name")}`}</title>
        <h1>{t("report.title")}</h1>
        <p role="status">{t("report.thanks")}</p>
        <p>
          <Link to={`/t/${actionData.threadId}`}>{t("report.back")}</Link>
        </p>
      </section>
    );
  }
  const state = actionData as FormState | undefined;
  return (
    <section className="panel">
      <title>{`${t("report.title")} · ${t("site.name")}`}</title>
      <h1>{t("report.title")}</h1>
      <p>{t("report.intro")}</p>
      {/* A group of radio buttons is reached through its first button. */}
      <ErrorSummary state={state} idFor={(name) => (name === "reason" ? `reason-${REPORT_REASONS[0]}` : name)} />
      <Form method="post">
        <fieldset>
          <legend>{t("report.reason")}</legend>
          {REPORT_REASONS.map((reason) => (
            <p key={reason}>
              <input type="radio" id={`reason-${reason}`} name="reason" value={reason} required />{" "}
              <label htmlFor={`reason-${reason}`}>{t(`report.reason.${reason}` as MessageKey)}</label>
            </p>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="note">{t("report.note")}</label>
          <textarea id="note" name="note" rows={3} maxLength={REPORT_NOTE_MAX} defaultValue={state?.values?.note} />
        </div>
        <button type="submit">{t("report.submit")}</button>
      </Form>
      <p>
        <Link to={`/t/${loaderData.threadId}`}>{t("report.back")}</Link>
      </p>
    </section>
  );
}
