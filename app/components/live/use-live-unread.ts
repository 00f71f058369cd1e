// The header's unread count, live: `notifications:new` (a mention, a moderator's notice) and every
// reconnection after the first read the count again from /notifications/unread, a small JSON
// answer, rather than reloading the page's data. Fresh data from the root loader (`fromServer`
// read again, whatever its value) replaces what was read here.
import { useRef, useState } from "react";
import { useLiveEvent, useOnConnect } from "#app/lib/live-socket.ts";

/** `loaded`: the root loader's data, whose identity changes each time it is read again. */
export function useLiveUnread(fromServer: number, loaded: unknown, enabled: boolean): number {
  const [live, setLive] = useState<{ base: unknown; count: number } | null>(null);
  const connectedBefore = useRef(false);
  const asked = useRef(0);

  const refresh = () => {
    const ask = ++asked.current;
    fetch("/notifications/unread", { headers: { accept: "application/json" }, credentials: "same-origin" })
      .then((res) => (res.ok ? (res.json() as Promise<{ ok: boolean; count?: number }>) : null))
      .then((answer) => {
        // Only the latest answer counts: two pushes in a row may be answered out of order.
        if (ask === asked.current && answer?.ok && typeof answer.count === "number") setLive({ base: loaded, count: answer.count });
      })
      .catch(() => undefined);
  };

  useLiveEvent("notifications:new", refresh, enabled);
  useOnConnect(() => {
    if (connectedBefore.current) refresh();
    connectedBefore.current = true;
  }, enabled);
  // The root loader read the count again (after an action, say): that one is the newer.
  return live && live.base === loaded ? live.count : fromServer;
}
