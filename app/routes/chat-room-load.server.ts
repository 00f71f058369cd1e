// What /chat/:roomSlug's loader hands its page: the room as this member may see it (a room they
// may not enter is the 404 page), its latest messages with the server's times, and whether and
// why they may write.
import type { RouterContextProvider } from "react-router";
import { servicesContext } from "#app/context.ts";
import { isMessageKey } from "#app/i18n/catalog.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";
import { newIdempotencyKey } from "#app/lib/post-form.server.ts";
import { stamp } from "#app/lib/time.ts";
import { isSuspended } from "#server/authz/policy.ts";
import { muteParams } from "#server/chat/services.ts";

/** What a redirect back to the room may ask it to say. */
export const DONE = ["remove", "mute", "slow", "lock", "unlock", "reported"] as const;

export async function loadRoom(context: Readonly<RouterContextProvider>, slug: string, request: Request) {
  const visitor = requireMember(context);
  const { locale } = visitor;
  const view = await orNotFound(() => context.get(servicesContext).chat.room(visitor.member, slug));
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  const notice = url.searchParams.get("notice");
  // A mute's reason says until when ("muted until 2026-12-03 14:05 UTC", as the socket says it).
  const whyParams: Record<string, string | number> = view.muteUntil ? muteParams(view.muteUntil) : {};
  return {
    room: {
      slug: view.summary.slug,
      name: view.summary.names[locale] ?? view.summary.names.en ?? view.summary.slug,
      description: view.summary.descriptions[locale] ?? view.summary.descriptions.en ?? "",
    },
    state: view.state,
    messages: view.messages.map((m) => ({ ...m, at: stamp(new Date(m.createdAt), locale) })),
    write: view.write,
    whyParams,
    moderator: view.moderator,
    reports: !isSuspended(visitor.member),
    me: visitor.member.pseudonym,
    // A fresh id per page: the same form sent twice (a resubmission) stores one message.
    clientId: newIdempotencyKey(),
    done: DONE.find((d) => d === done) ?? null,
    // Only what the media guard says about one's own message, never arbitrary keys.
    notice: notice && isMessageKey(notice) && notice.startsWith("chat.notice.") ? notice : null,
  };
}
