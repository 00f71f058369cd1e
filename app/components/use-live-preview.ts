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

/**
 * The server's last preview, and whether it is of exactly the text now in the box (`current`):
 * an older one must not hide the page's own preview after the Preview button. A throttled,
 * refused or failed preview changes nothing, so the last one stays.
 */
export function useLivePreview(body: string): { answer: PreviewAnswer | null; current: boolean; stop: () => void } {
  const [last, setLast] = useState<{ body: string; answer: PreviewAnswer } | null>(null);
  const stopRef = useRef<() => void>(() => {});

  useEffect(() => {
    if (!body.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const answer = await ask(body, controller.signal);
      if (answer && !controller.signal.aborted) setLast({ body, answer });
    }, WAIT_MS);
    const stop = () => {
      clearTimeout(timer);
      controller.abort();
    };
    stopRef.current = stop;
    return stop;
  }, [body]);

  const stop = useCallback(() => stopRef.current(), []);
  return { answer: last?.answer ?? null, current: last?.body === body, stop };
}

/** One preview; null when there is nothing to show (throttled, signed out, offline, stopped). */
async function ask(body: string, signal: AbortSignal): Promise<PreviewAnswer | null> {
  try {
    // A signed-out or waiting member is redirected: not followed, so no page is fetched for nothing.
    const res = await fetch("/preview", { method: "POST", body: new URLSearchParams({ body }), signal, credentials: "same-origin", redirect: "manual" });
    if (!res.ok || !res.headers.get("content-type")?.includes("application/json")) return null;
    const data = (await res.json()) as { html?: unknown; notices?: unknown };
    if (typeof data.html !== "string" || !Array.isArray(data.notices)) return null;
    return { html: data.html, notices: data.notices as MessageKey[] };
  } catch {
    return null;
  }
}
