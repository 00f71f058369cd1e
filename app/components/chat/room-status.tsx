// What a live room says about itself: the connection (shown while it is not live, so a member
// knows their messages wait), who is here, and who is typing. Nothing of this exists without
// JavaScript, so none of it is rendered before the page has hydrated.
import { useT } from "#app/i18n/use-t.ts";
import type { LiveStatus } from "#app/lib/live-socket.ts";
import type { TypingState } from "./use-typing.ts";

export function ConnectionStatus({ status }: { status: LiveStatus }) {
  const t = useT();
  // Always in the page, so that a screen reader hears the change when it comes.
  return (
    <p role="status" className={status === "live" ? "chat-connection" : "chat-connection offline"}>
      {status === "reconnecting" ? t("live.reconnecting") : status === "connecting" ? t("chat.ui.connecting") : null}
    </p>
  );
}

export function Presence({ presence }: { presence: { count: number; names?: string[] } | null }) {
  const t = useT();
  if (!presence) return null;
  return (
    <p className="chat-presence">
      <span>{t("chat.ui.present", { count: presence.count })}</span>
      {presence.names?.length ? (
        <>
          {" · "}
          <span>{t("chat.ui.presentNames", { names: presence.names.join(", ") })}</span>
        </>
      ) : null}
    </p>
  );
}

export function Typing({ typing }: { typing: TypingState }) {
  const t = useT();
  const text = !typing.someone
    ? ""
    : typing.names.length === 1
      ? t("chat.ui.typingOne", { name: typing.names[0]! })
      : typing.names.length > 1
        ? t("chat.ui.typingMany", { names: typing.names.join(", ") })
        : t("chat.ui.typingSomeone");
  // Not a live region: announcing every keystroke pause would drown the messages.
  return <p className="chat-typing">{text}</p>;
}
