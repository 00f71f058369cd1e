// A member's own moderation history (/settings/moderation): what happened to them, newest
// first, with the moderator's reason, the thread it concerned and their appeal, if any. Only
// their own events: the query is keyed on the actor, never on an id from the request.
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { appeals, moderationEvents, threads } from "#db/schema.ts";
import { authorize } from "#server/authz/guard.ts";
import type { Actor } from "#server/authz/policy.ts";
import { APPEALABLE, type EventKind } from "#server/moderation/events.ts";

export type AppealState = { state: "waiting" } | { state: "upheld" | "overturned"; response: string | null; decidedAt: Date };

export interface HistoryEntry {
  id: string;
  kind: EventKind;
  reason: string | null;
  /** The thread's title when it happened (or now, if none was kept). */
  thread: string | null;
  /** Set when the thread is still there for the member to open. */
  threadId: string | null;
  until: Date | null;
  createdAt: Date;
  appealable: boolean;
  appeal: (AppealState & { createdAt: Date }) | null;
}

export async function history(db: Db, actor: Actor | null): Promise<HistoryEntry[]> {
  authorize(actor, "history.read");
  const rows = await db
    .select({
      id: moderationEvents.id,
      kind: moderationEvents.kind,
      reason: moderationEvents.reason,
      context: moderationEvents.context,
      threadTitle: threads.title,
      // Members read every forum; a thread a moderator removed or hid is no longer theirs to open.
      openThreadId: sql<string | null>`case when ${threads.status} = 'visible' then ${threads.id} end`,
      until: moderationEvents.until,
      createdAt: moderationEvents.createdAt,
      appealCreatedAt: appeals.createdAt,
      outcome: appeals.outcome,
      response: appeals.response,
      decidedAt: appeals.decidedAt,
    })
    .from(moderationEvents)
    .leftJoin(threads, eq(threads.id, moderationEvents.threadId))
    .leftJoin(appeals, eq(appeals.eventId, moderationEvents.id))
    .where(eq(moderationEvents.memberId, actor.id))
    .orderBy(desc(moderationEvents.createdAt), desc(moderationEvents.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    reason: r.reason,
    thread: r.context ?? r.threadTitle,
    threadId: r.openThreadId,
    until: r.until,
    createdAt: r.createdAt,
    appealable: APPEALABLE.includes(r.kind),
    appeal:
      r.appealCreatedAt === null
        ? null
        : r.outcome === null || r.decidedAt === null
          ? { state: "waiting", createdAt: r.appealCreatedAt }
          : { state: r.outcome, response: r.response, decidedAt: r.decidedAt, createdAt: r.appealCreatedAt },
  }));
}
