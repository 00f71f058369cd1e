// The composer's live preview: a moment after typing stops, the body goes to /preview and the
// server answers the post as it would be stored (rendered, sanitized, images removed, with the
// media guard's notices). A plain fetch, not a React Router fetcher: a fetcher's answer makes
// React Router load every loader of the page again (a preview changes nothing), and one that
// lands while the post itself is being sent could finish that navigation on the wrong route —
// the new thread's page then never appeared. Sending the post stops any preview on its way.
import { useCallback, useEffect, useRef, useState } from "react";
import type { MessageKey } from "#app/i18n/catalog.ts";

export interface PreviewAnswer {
  html: string;
  notices: MessageKey[];
}

const WAIT_MS = 400;

/** The last preview the server rendered for `body` (kept while it is throttled), and `stop`. */
export function useLivePreview(body: string): { answer: PreviewAnswer | null; stop: () => void } {
  const [answer, setAnswer] = useState<PreviewAnswer | null>(null);
  const stopRef = useRef<() => void>(() => {});

  useEffect(() => {
    if (!body.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(() => void ask(body, controller.signal).then((next) => next && setAnswer(next)), WAIT_MS);
    const stop = () => {
      clearTimeout(timer);
      controller.abort();
    };
    stopRef.current = stop;
    return stop;
  }, [body]);

  const stop = useCallback(() => stopRef.current(), []);
  return { answer, stop };
}

/** One preview; null when there is nothing new to show (throttled, signed out, offline, stopped). */
async function ask(body: string, signal: AbortSignal): Promise<PreviewAnswer | null> {
  try {
    const res = await fetch("/preview", { method: "POST", body: new URLSearchParams({ body }), signal, credentials: "same-origin" });
    if (!res.ok || !res.headers.get("content-type")?.includes("application/json")) return null;
    const data = (await res.json()) as { html?: unknown; notices?: unknown };
    if (typeof data.html !== "string" || !Array.isArray(data.notices)) return null;
    return { html: data.html, notices: data.notices as MessageKey[] };
  } catch {
    return null;
  }
}
