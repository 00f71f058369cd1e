// A room's messages, oldest first, in a labelled region that opens scrolled to the newest (CSS
// column-reverse: no script needed). The history itself is not a live region, or a screen reader
// would read it all again on every change; only messages arriving while the page is open are
// announced, politely, from the small region at its end.
import { Form } from "react-router";
import type { ChatMessage } from "#app/contracts/chat.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { stamp } from "#app/lib/time.ts";
import { TimeStamp } from "../time-stamp.tsx";
import { linkify } from "./linkify.tsx";
import type { PendingSend, ShownMessage } from "./room-model.ts";

export interface MessageListProps {
  room: string;
  roomName: string;
  me: string;
  messages: ShownMessage[];
  pending: PendingSend[];
  /** Messages from others that arrived while the page was open (announced). */
  arrivals: ChatMessage[];
  /** Show "Report" links (a member who may report). */
  reports: boolean;
  /** Show each message's moderation forms. */
  moderator: boolean;
}

export function MessageList(props: MessageListProps) {
  const t = useT();
  const { messages, pending } = props;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus for a keyboard to scroll it (WCAG 2.1.1, axe's scrollable-region-focusable)
    <section className="chat-log" aria-labelledby="chat-log-title" tabIndex={0}>
      <h2 id="chat-log-title" className="visually-hidden">
        {t("chat.ui.messagesIn", { room: props.roomName })}
      </h2>
      <div>
        {messages.length === 0 && pending.length === 0 ? <p className="chat-empty">{t("chat.ui.empty")}</p> : null}
        <ol className="chat-messages">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} {...props} />
          ))}
          {pending.map((p) => (
            <li key={p.clientId} className="chat-message mine pending">
              <p className="chat-meta">
                <strong>{props.me}</strong> · <span>{t("chat.ui.sending")}</span>
              </p>
              <p className="chat-body">{p.body}</p>
            </li>
          ))}
        </ol>
        <div className="visually-hidden" aria-live="polite" aria-atomic="false">
          {props.arrivals.map((m) => (
            <p key={m.id}>{t("chat.ui.announce", { name: m.author, body: m.body })}</p>
          ))}
        </div>
      </div>
    </section>
  );
}

function MessageItem({ message: m, me, room, reports, moderator }: MessageListProps & { message: ShownMessage }) {
  const t = useT();
  const locale = useLocale();
  const mine = m.author === me;
  // A message that came with the page has the server's time; a live one is stamped here.
  const at = m.at ?? stamp(new Date(m.createdAt), locale);
  return (
    <li id={`m-${m.id}`} className={mine ? "chat-message mine" : "chat-message"}>
      <p className="chat-meta">
        <strong>{m.author}</strong> · <TimeStamp at={at} />
      </p>
      <p className="chat-body">{linkify(m.body)}</p>
      {(reports && !mine) || moderator ? (
        <div className="chat-actions">
          {reports && !mine ? (
            <a href={`/chat/${room}/report/${m.id}`} aria-label={t("chat.ui.reportFrom", { name: m.author })}>
              {t("chat.ui.report")}
            </a>
          ) : null}
          {moderator ? <ModerateMessage room={room} message={m} mine={mine} /> : null}
        </div>
      ) : null}
    </li>
  );
}

const MUTE_MINUTES = [10, 60, 24 * 60] as const;

/** A moderator's forms for one message: remove it, mute its author here. Plain POSTs. */
function ModerateMessage({ room, message: m, mine }: { room: string; message: ShownMessage; mine: boolean }) {
  const t = useT();
  const id = m.id;
  return (
    <details className="chat-moderate">
      <summary>{t("chat.ui.moderate")}</summary>
      <Form method="post" action={`/chat/${room}`} className="chat-mod-form">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="id" value={id} />
        <div className="field">
          <label htmlFor={`remove-reason-${id}`}>{t("chat.ui.reason")}</label>
          <input id={`remove-reason-${id}`} name="reason" type="text" maxLength={300} />
        </div>
        <button type="submit">{t("chat.ui.remove")}</button>
      </Form>
      {mine ? null : (
        <Form method="post" action={`/chat/${room}`} className="chat-mod-form">
          <input type="hidden" name="intent" value="mute" />
          <input type="hidden" name="member" value={m.author} />
          <div className="field">
            <label htmlFor={`mute-minutes-${id}`}>{t("chat.ui.muteFor")}</label>
            <select id={`mute-minutes-${id}`} name="minutes" defaultValue="60">
              {MUTE_MINUTES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes < 60 ? t("chat.ui.minutes", { count: minutes }) : t("chat.ui.hours", { count: minutes / 60 })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`mute-reason-${id}`}>{t("chat.ui.reason")}</label>
            <input id={`mute-reason-${id}`} name="reason" type="text" maxLength={300} />
          </div>
          <button type="submit">{t("chat.ui.mute", { name: m.author })}</button>
        </Form>
      )}
    </details>
  );
}
