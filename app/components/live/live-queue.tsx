// /mod, live: `mod:queue` (a report, a hold, an appeal arrived; an item was resolved) reads the
// queue again, at most once every half second however many arrive, and so does every
// reconnection after the first. A moderator in the middle of a form is not interrupted: the
// reading waits, and a polite notice offers it instead. Without JavaScript nothing here renders
// and the page is as it always was.
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import { useT } from "#app/i18n/use-t.ts";
import { useLiveEvent, useOnConnect } from "#app/lib/live-socket.ts";

const SETTLE_MS = 500;

/** Whether the moderator is using a form on the page: focus in one, or words typed in one. */
function busy(): boolean {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.closest("main form") && active.matches("input, textarea, select, button")) return true;
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("main form input[type=text], main form textarea")) {
    if (field.value !== field.defaultValue) return true;
  }
  return false;
}

export function LiveQueue() {
  const t = useT();
  const revalidator = useRevalidator();
  const [hydrated, setHydrated] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const connectedBefore = useRef(false);
  useEffect(() => {
    setHydrated(true);
    return () => clearTimeout(timer.current);
  }, []);

  const changed = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (busy()) setWaiting(true);
      else void revalidator.revalidate();
    }, SETTLE_MS);
  };
  useLiveEvent("mod:queue", changed, hydrated);
  useOnConnect(() => {
    // Anything that changed while the socket was away was not pushed to it.
    if (connectedBefore.current) changed();
    connectedBefore.current = true;
  }, hydrated);

  const show = () => {
    setWaiting(false);
    void revalidator.revalidate();
  };
  if (!hydrated) return null;
  return (
    <div className="live-queue" aria-live="polite">
      {waiting ? (
        <p className="notice">
          {t("live.queueChanged")}{" "}
          <button type="button" onClick={show}>
            {t("live.queueShow")}
          </button>
        </p>
      ) : null}
    </div>
  );
}
