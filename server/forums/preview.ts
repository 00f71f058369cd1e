// The composer's preview: the body through the same media guard as posting (scanText, the same
// removals and the same notice) and the same renderer, so what is previewed is what would be
// stored. Nothing is stored or recorded: a live preview runs again each time the member pauses
// while typing, and one image would be counted many times.
//
// Throttled per member, because each preview is a render (tens of milliseconds of this
// process's CPU, up to ~70 ms for a long post). The limit guards the CPU of the node that
// renders, so it is kept in that process; it is generous enough for a preview on every pause
// in typing (the composer waits 400 ms after the last key) and stops a script that floods it.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { TooManyAttempts } from "#server/errors.ts";
import { scanText } from "#server/media/guard.ts";
import { renderMarkdown } from "#server/media/render-markdown.ts";
import { BODY_MAX } from "#app/contracts/limits.ts";

export const PREVIEWS_PER_MINUTE = 60;

/** One per process (see above): the media services make it once. */
export function previewLimiter() {
  return new RateLimiterMemory({ keyPrefix: "preview_member", points: PREVIEWS_PER_MINUTE, duration: 60 });
}

export async function previewPost(limiter: RateLimiterMemory, memberId: string, body: string): Promise<{ html: string; notices: MessageKey[] }> {
  try {
    await limiter.consume(memberId);
  } catch (err) {
    throw new TooManyAttempts(err instanceof RateLimiterRes ? Math.max(1, Math.ceil(err.msBeforeNext / 1000)) : 60);
  }
  // As the form would: longer bodies are refused at posting, so nothing past the limit is shown.
  const scanned = scanText(
    "post",
    [
      ...body
        .slice(0, 2 * BODY_MAX)
        .normalize("NFC")
        .replace(/\r\n?/g, "\n"),
    ]
      .slice(0, BODY_MAX)
      .join(""),
  );
  const notices: MessageKey[] = scanned.removals.length > 0 ? ["media.removedFromText"] : [];
  return { html: renderMarkdown(scanned.text), notices };
}
