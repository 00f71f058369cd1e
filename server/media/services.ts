// The media guard as a capability: what a post would show (preview: the same guard, notices and
// renderer as posting, throttled per member), and the removal counts moderators and the admin
// CLI read.
import { previewLimiter, previewPost } from "#server/forums/preview.ts";
import type { ServiceDeps } from "#server/service-deps.ts";
import { removalCounts } from "./removals.ts";

export function createMediaServices(deps: ServiceDeps) {
  const previews = previewLimiter();
  return {
    /** What a post with this body would show, with the guard's notices; nothing is stored. */
    preview: (memberId: string, body: string) => previewPost(previews, memberId, body),
    /** Removals per member since a time, most first (a member who has left shows as null). */
    removalCounts: (since: Date) => removalCounts(deps.db, since),
  };
}
