// /chat/:roomSlug/report/:messageId: report a chat message into the moderators' queue. A plain
// form (the post report's choices), answered with a redirect back to the room.
import { Link } from "react-router";
import type { Route } from "./+types/chat-report";
import type { FormState } from "#app/components/form-parts.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import chatStyles from "../styles/chat.css?url";
import { fileMessageReport, loadReportedMessage } from "./chat-report-load.server.ts";
import { ReportForm } from "./report-form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";

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
      <PageTitle>{`${title} · ${t("site.name")}`}</PageTitle>
      <h1>{title}</h1>
      <p>{t("chat.ui.reportAbout", { name: message.author, room: room.name })}</p>
      {/* Plain text, not even its links: nothing in a reported message should be one click away. */}
      <blockquote className="chat-quoted">{message.body}</blockquote>
      {refused ? (
        <p role="alert" className="notice">
          {t(refused)}
        </p>
      ) : (
        <ReportForm state={state} />
      )}
      <p>
        <Link to={`/chat/${room.slug}`}>{t("chat.ui.backToRoom", { room: room.name })}</Link>
      </p>
    </section>
  );
}
