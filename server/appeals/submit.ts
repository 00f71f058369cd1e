// A member appeals a removal, a rejected held post or a suspension: once per event, with a note.
// The appeal and its queue item are written in one transaction; a second appeal on the same
// event (a double submit included) is refused by the unique index on appeals.event_id, not by
// a read-then-write that two requests could both pass.
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { appeals, moderationEvents, threads } from "#db/schema.ts";
import { authorize } from "#server/authz/guard.ts";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { isUuid } from "#server/ids.ts";
import { APPEALABLE } from "#server/moderation/events.ts";
import { PRIORITY } from "#server/moderation/priority.ts";
import { openQueueItem } from "#server/moderation/queue.ts";
import type { FormInput } from "#server/service-deps.ts";
import { appealForm } from "./forms.ts";

export async function appeal(db: Db, actor: Actor | null, eventId: string, data: FormInput): Promise<{ appealId: string }> {
  authorize(actor, "appeal.create");
  if (!isUuid(eventId)) throw new NotFound();
  const { note } = parseForm(appealForm, data);
  return db.transaction(async (tx) => {
    // Someone else's event does not exist, as far as this member can tell.
    const [event] = await tx
      .select({ id: moderationEvents.id, kind: moderationEvents.kind, forumId: threads.forumId })
      .from(moderationEvents)
      .leftJoin(threads, eq(threads.id, moderationEvents.threadId))
      .where(and(eq(moderationEvents.id, eventId), eq(moderationEvents.memberId, actor.id)));
    if (!event) throw new NotFound();
    if (!APPEALABLE.includes(event.kind)) throw new Invalid({}, "history.notAppealable");
    const [row] = await tx
      .insert(appeals)
      .values({ eventId: event.id, memberId: actor.id, note })
      .onConflictDoNothing({ target: appeals.eventId })
      .returning({ id: appeals.id });
    if (!row) throw new Invalid({}, "history.alreadyAppealed");
    await openQueueItem(tx, {
      kind: "appeal",
      target: { appeal: row.id, member: actor.id },
      forumId: event.forumId ?? null,
      memberId: actor.id,
      priority: PRIORITY.appeal,
    });
    return { appealId: row.id };
  });
}
