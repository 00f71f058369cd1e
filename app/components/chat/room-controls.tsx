// A moderator's controls for a whole room: slow mode and the lock. Plain POSTs to the room,
// answered with a redirect back to it, so they work without JavaScript.
import { Form } from "react-router";
import type { ChatRoomState } from "#app/contracts/chat.ts";
import { useT } from "#app/i18n/use-t.ts";

const SLOW_SECONDS = [0, 5, 10, 30, 60, 300] as const;

export function RoomControls({ room, state }: { room: string; state: ChatRoomState }) {
  const t = useT();
  const options: number[] = SLOW_SECONDS.includes(state.slowModeSeconds as (typeof SLOW_SECONDS)[number])
    ? [...SLOW_SECONDS]
    : [...SLOW_SECONDS, state.slowModeSeconds].sort((a, b) => a - b);
  return (
    <section className="chat-controls" aria-labelledby="chat-controls-title">
      <h2 id="chat-controls-title">{t("chat.ui.controls")}</h2>
      <Form method="post" action={`/chat/${room}`} className="chat-mod-form">
        <input type="hidden" name="intent" value="slow" />
        <div className="field">
          <label htmlFor="chat-slow">{t("chat.ui.slowLabel")}</label>
          <select id="chat-slow" name="seconds" defaultValue={String(state.slowModeSeconds)} key={state.slowModeSeconds}>
            {options.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds === 0 ? t("chat.ui.slowOff") : t("chat.ui.slowEvery", { count: seconds })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("chat.ui.slowSet")}</button>
      </Form>
      <Form method="post" action={`/chat/${room}`} className="chat-mod-form">
        <input type="hidden" name="intent" value={state.locked ? "unlock" : "lock"} />
        <p className="hint">{t("chat.ui.lockHint")}</p>
        <button type="submit">{t(state.locked ? "chat.ui.unlock" : "chat.ui.lock")}</button>
      </Form>
    </section>
  );
}
