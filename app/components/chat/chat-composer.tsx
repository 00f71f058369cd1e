// The room's composer: a plain POST to the room (the page answers with a redirect back to it), so
// it works without JavaScript. Once the page has hydrated, sending goes over the socket instead:
// the text leaves the box at once, shows as "sending…" and the page stays where it is.
import { useEffect, useRef, useState } from "react";
import { CHAT_BODY_MAX } from "#app/contracts/chat.ts";
import { useT } from "#app/i18n/use-t.ts";
import { hasFiles } from "../image-intercept.ts";
import { ErrorSummary } from "../form-parts.tsx";
import type { ChatFormState } from "./chat-form-state.ts";

const BODY_ID = "chat-body";

export interface ChatComposerProps {
  room: string;
  /** For the form without JavaScript: a resubmitted form stores its message once. */
  clientId: string;
  /** The action's answer to a refused form (no JavaScript). */
  state: ChatFormState | null;
  /** Present once the page is live: sends over the socket. */
  live: {
    send(body: string): void;
    typed(): void;
    /** The last send the server refused: its text comes back to the box, with why. */
    refused: { body: string; error: string; n: number } | null;
    /** What the media guard removed from the last message sent. */
    notice: string | null;
  } | null;
}

export function ChatComposer({ room, clientId, state, live }: ChatComposerProps) {
  const t = useT();
  const [body, setBody] = useState(state?.values?.body ?? "");
  const [liveError, setLiveError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const fieldError = state?.fieldErrors.body ? t(state.fieldErrors.body, state.formErrorParams) : null;
  const error = liveError ?? fieldError;

  const refused = live?.refused;
  useEffect(() => {
    if (!refused) return;
    setLiveError(refused.error);
    setBody((current) => (current.trim() ? current : refused.body));
  }, [refused]);

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    if (!live) return; // not hydrated yet: the browser posts the form
    event.preventDefault();
    const text = body.trim();
    if (!text) return setLiveError(t("chat.ui.writeFirst"));
    if ([...text].length > CHAT_BODY_MAX) return setLiveError(t("chat.ui.tooLong", { max: CHAT_BODY_MAX }));
    live.send(body);
    setBody("");
    setLiveError(null);
    setBlocked(false);
    box.current?.focus();
  };

  const keyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing (pinyin).
    if (!live || event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  };

  const stopFiles = (event: React.ClipboardEvent | React.DragEvent) => {
    const data = "clipboardData" in event ? event.clipboardData : event.dataTransfer;
    if (!hasFiles(data)) return;
    event.preventDefault();
    setBlocked(true);
  };

  const describedBy = ["chat-body-hint", error ? "chat-body-error" : null].filter(Boolean).join(" ");
  return (
    <form method="post" action={`/chat/${room}`} className="chat-composer" onSubmit={submit}>
      <ErrorSummary state={state} idFor={() => BODY_ID} />
      {live?.notice ? (
        <p className="notice-image" role="status">
          {live.notice}
        </p>
      ) : null}
      {blocked ? (
        <p className="notice-image" role="alert">
          {t("composer.imageBlocked")}
        </p>
      ) : null}
      <input type="hidden" name="intent" value="send" />
      <input type="hidden" name="clientId" value={clientId} />
      <div className={error ? "field field-error" : "field"}>
        <label htmlFor={BODY_ID}>{t("chat.ui.yourMessage")}</label>
        <p className="hint" id="chat-body-hint">
          {live ? t("chat.ui.hintLive") : t("chat.ui.hint")}
        </p>
        {error ? (
          <p className="error" id="chat-body-error" role={liveError ? "alert" : undefined}>
            {error}
          </p>
        ) : null}
        <textarea
          ref={box}
          id={BODY_ID}
          name="body"
          rows={3}
          maxLength={CHAT_BODY_MAX}
          required
          value={body}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setBody(event.target.value);
            if (event.target.value) live?.typed();
          }}
          onKeyDown={keyDown}
          onPaste={stopFiles}
          onDrop={stopFiles}
        />
      </div>
      <p className="actions">
        <button type="submit">{t("chat.ui.send")}</button>
      </p>
    </form>
  );
}
