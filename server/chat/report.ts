// Reporting a chat message to the moderators: a report row (target_kind `message`) and the
// message's queue item ("message:<uuid>", no forum: rooms belong to none, so moderators of every
// forum see it; decision 017), in one transaction, as for posts (server/moderation/reports.ts).
// One open report per reporter and message: a repeat changes the reason, it does not count twice.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { chatMessages, reports } from "#db/schema.ts";
import { chatSeq } from "#app/contracts/chat.ts";
import { requireParticipant } from "#server/authz/guard.ts";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import type { Live } from "#server/live.ts";
import { reportPriority } from "#server/moderation/priority.ts";
import { reportForm } from "#server/moderation/reports.ts";
import { openQueueItem } from "#server/moderation/queue.ts";
import { enterRoom } from "./access.ts";

export async function reportMessage(deps: { db: Db; live: Live }, actor: Actor | null, slug: string, id: string, data: { reason: unknown; note?: unknown }) {
  const { db } = deps;
  const { room } = await enterRoom(db, actor, slug);
  const member = actor!;
  requireParticipant(member, "report.create");
  const form = parseForm(reportForm, data);
  const seq = chatSeq(id);
  if (seq === null) throw new NotFound();
  const [message] = await db
    .select({ id: chatMessages.id, authorId: chatMessages.authorId })
    .from(chatMessages)
    .where(and(eq(chatMessages.roomId, room.id), eq(chatMessages.seq, seq), eq(chatMessages.status, "visible")));
  if (!message) throw new NotFound();
  if (message.authorId === member.id) throw new Invalid({}, "reports.notYourself");
  await db.transaction(async (tx) => {
    // The conflict target names the partial unique index by its expression and predicate.
    const { rows } = await tx.execute<{ inserted: boolean }>(sql`
      insert into ${reports} (target_kind, message_id, reporter_id, reason, note)
      values ('message', ${message.id}, ${member.id}, ${form.reason}, ${form.note})
      on conflict (reporter_id, target_kind, coalesce(post_id, thread_id, member_id, message_id)) where resolved_at is null
      do update set reason = excluded.reason, note = excluded.note
      returning (xmax = 0) as inserted`);
    await openQueueItem(tx, {
      kind: "report",
      target: { message: message.id },
      forumId: null,
      memberId: message.authorId,
      priority: reportPriority(form.reason),
      detail: { reasons: [form.reason] },
      addsReport: rows[0]?.inserted === true,
    });
  });
  return { broadcast: () => deps.live.push({ moderators: true }, "mod:queue") };
}
