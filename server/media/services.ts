// The media guard as a capability: what a post would show (preview), and the removal counts
// moderators and the admin CLI read.
import { PREVIEW_MAX } from "#app/contracts/limits.ts";
import type { ServiceDeps } from "#server/service-deps.ts";
import { removalCounts } from "./removals.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { scrubImages } from "./scrub-text.ts";

export function createMediaServices(deps: ServiceDeps) {
  return {
    /** What a post with this body would show; nothing is stored or recorded for a preview. */
    preview: async (body: string) => renderMarkdown(scrubImages(body.slice(0, PREVIEW_MAX)).text),
    /** Removals per member since a time, most first (a member who has left shows as null). */
    removalCounts: (since: Date) => removalCounts(deps.db, since),
  };
}
