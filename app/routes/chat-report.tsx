// /chat/:roomSlug/report/:messageId: report a chat message into the moderators' queue. A plain
// form (the post report's choices), answered with a redirect back to the room.
import { Form, Link } from "react-router";
import type { Route } from "./+types/chat-report";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import { REPORT_NOTE_MAX } from "#app/contracts/limits.ts";
import { REPORT_REASONS } from "#app/contracts/reports.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import chatStyles from "../styles/chat.css?url";
import { fileMessageReport, loadReportedMessage } from "./chat-report-load.server.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  return loadReportedMessage(context, params.roomSlug, params.messageId);
}

export async function action({ context, params, request }: Route.ActionArgs) {
  return fileMessageReport(context, params.roomSlug, params.messageId, request);
}

export const headers = forwardHeaders;

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: chatStyles }];

export default function ChatReport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { room, message, refused } = loaderData;
  const state = actionData as FormState | undefined;
  const title = t("chat.ui.reportTitle");
  return (
    <section className="panel">
      <title>{`${title} · ${t("site.name")}`}</title>
      <h1>{title}</h1>
      <p>{t("chat.ui.reportAbout", { name: message.author, room: room.name })}</p>
      {/* Plain text, not even its links: nothing in a reported message should be one click away. */}
      <blockquote className="chat-quoted">{message.body}</blockquote>
      {refused ? (
        <p role="alert" className="notice">
          {t(refused)}
        </p>
      ) : (
        <>
          <p>{t("report.intro")}</p>
          <ErrorSummary state={state} idFor={(name) => (name === "reason" ? `reason-${REPORT_REASONS[0]}` : name)} />
          <Form method="post">
            <fieldset>
              <legend>{t("report.reason")}</legend>
              {REPORT_REASONS.map((reason) => (
                <div key={reason}>
                  <p>
                    <input type="radio" id={`reason-${reason}`} name="reason" value={reason} required defaultChecked={state?.values?.reason === reason} />{" "}
                    <label htmlFor={`reason-${reason}`}>{t(`reports.reason.${reason}` as MessageKey)}</label>
                  </p>
                  {reason === "self-harm" ? (
                    <p className="hint">
                      {t("reports.selfHarmNote")} <a href="/help">{t("reports.helpLink")}</a>
                    </p>
                  ) : null}
                </div>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="note">{t("report.note")}</label>
              <textarea id="note" name="note" rows={3} maxLength={REPORT_NOTE_MAX} defaultValue={state?.values?.note} />
            </div>
            <button type="submit">{t("report.submit")}</button>
          </Form>
        </>
      )}
      <p>
        <Link to={`/chat/${room.slug}`}>{t("chat.ui.backToRoom", { room: room.name })}</Link>
      </p>
    </section>
  );
}
