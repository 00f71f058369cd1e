// Moderators' controls in a room (chat.moderate: moderators of every forum and admins, since
// rooms belong to no forum; decision 017): remove a message, mute a member for a while, slow
// mode, lock. Each is checked against the policy on every call (a demoted moderator's next
// event is refused), changes the room and writes its audit row in one transaction, and returns
// the push for the caller to run once it has answered.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { chatMessages, chatMutes, chatRooms, members } from "#db/schema.ts";
import { chatMessageId, chatSeq } from "#app/contracts/chat.ts";
import { pseudonymKey } from "#server/auth/pseudonym.ts";
import { authorize, outranks, type Actor } from "#server/authz/policy.ts";
import { Forbidden, Invalid, NotFound } from "#server/errors.ts";
import type { Live } from "#server/live.ts";
import { parseForm } from "#server/forms.ts";
import { audit, memberActor } from "#server/moderation/audit.ts";
import { reasonFields } from "#server/moderation/reason.ts";
import { resolveTarget } from "#server/moderation/queue.ts";
import { enterRoom, stateOf, type EnteredRoom } from "./access.ts";

type Deps = { db: Db; live: Live };

/** The longest mute, in minutes (a week); 0 lifts a mute. */
export const CHAT_MUTE_MAX_MINUTES = 7 * 24 * 60;
/** The longest slow-mode gap, in seconds. */
export const CHAT_SLOW_MAX_SECONDS = 3600;

export interface Pushed {
  broadcast(): Promise<void>;
}

/** A reason as the moderation forms take one: NFC, trimmed, no control characters, capped. */
function cleanReason(reason: string | null): string | null {
  return reason === null ? null : parseForm(reasonFields, { reasonText: reason });
}

async function moderatedRoom(db: Db, actor: Actor | null, slug: string): Promise<EnteredRoom & { actor: Actor }> {
  const entered = await enterRoom(db, actor, slug);
  authorize(actor, "chat.moderate");
  return { ...entered, actor };
}

/** A removed message stays as a row (status `removed`, for the queue and the audit log) and is
 *  left out of every history; open screens drop it on chat:removed. */
export async function removeMessage(deps: Deps, actor: Actor | null, slug: string, id: string, reason: string | null = null): Promise<Pushed> {
  const { room, actor: moderator } = await moderatedRoom(deps.db, actor, slug);
  const why = cleanReason(reason);
  const seq = chatSeq(id);
  if (seq === null) throw new NotFound();
  await deps.db.transaction(async (tx) => {
    const [message] = await tx
      .select({ id: chatMessages.id, status: chatMessages.status })
      .from(chatMessages)
      .where(and(eq(chatMessages.roomId, room.id), eq(chatMessages.seq, seq)))
      .for("update");
    if (!message) throw new NotFound();
    if (message.status !== "visible") throw new Invalid({}, "mod.notApplicable");
    await tx.update(chatMessages).set({ status: "removed", removedAt: sql`now()` }).where(eq(chatMessages.id, message.id));
    await resolveTarget(tx, { message: message.id }, moderator.id, "removed");
    await audit(tx, memberActor(moderator.id), {
      action: "chat.remove",
      targetKind: "message",
      targetId: message.id,
      reason: why,
      detail: { room: room.slug, id: chatMessageId(seq) },
    });
  });
  return { broadcast: () => deps.live.push({ room: room.slug }, "chat:removed", { room: room.slug, id: chatMessageId(seq) }) };
}

/** Mutes a member of a lower role in this room for `minutes` (0 lifts the mute): they read, and
 *  are told until when if they try to write. */
export async function muteMember(deps: Deps, actor: Actor | null, slug: string, pseudonym: string, minutes: number, reason: string | null = null) {
  const { room, actor: moderator } = await moderatedRoom(deps.db, actor, slug);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > CHAT_MUTE_MAX_MINUTES) throw new Invalid({ minutes: "chat.mute.minutes" });
  if (typeof pseudonym !== "string" || !pseudonym) throw new NotFound();
  const why = cleanReason(reason);
  const until = new Date(Date.now() + minutes * 60_000);
  await deps.db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: members.id, role: members.role })
      .from(members)
      .where(eq(members.pseudonymKey, pseudonymKey(pseudonym)));
    if (!target) throw new NotFound();
    // Moderators act on members, not on their peers (or themselves).
    if (!outranks(moderator, target)) throw new Forbidden();
    if (minutes === 0) await tx.delete(chatMutes).where(and(eq(chatMutes.roomId, room.id), eq(chatMutes.memberId, target.id)));
    else
      await tx
        .insert(chatMutes)
        .values({ roomId: room.id, memberId: target.id, until, mutedBy: moderator.id })
        .onConflictDoUpdate({ target: [chatMutes.roomId, chatMutes.memberId], set: { until, mutedBy: moderator.id, createdAt: sql`now()` } });
    await audit(tx, memberActor(moderator.id), {
      action: minutes === 0 ? "chat.unmute" : "chat.mute",
      targetKind: "member",
      targetId: target.id,
      reason: why,
      detail: { room: room.slug, ...(minutes === 0 ? {} : { minutes, until: until.toISOString() }) },
    });
  });
  // Nothing to push: the muted member's next message is refused with the reason.
  return { until: until.toISOString(), broadcast: async () => {} };
}

async function changeRoom(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  set: { slowModeSeconds: number } | { locked: boolean },
  action: string,
): Promise<Pushed> {
  const { room, actor: moderator } = await moderatedRoom(deps.db, actor, slug);
  const changed = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(chatRooms)
      .set(set)
      .where(eq(chatRooms.id, room.id))
      .returning({ slug: chatRooms.slug, locked: chatRooms.locked, slowModeSeconds: chatRooms.slowModeSeconds });
    if (!row) throw new NotFound();
    await audit(tx, memberActor(moderator.id), { action, targetKind: "room", targetId: room.id, detail: { room: room.slug, ...set } });
    return row;
  });
  return { broadcast: () => deps.live.push({ room: changed.slug }, "chat:room", stateOf(changed)) };
}

export async function setSlowMode(deps: Deps, actor: Actor | null, slug: string, seconds: number) {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > CHAT_SLOW_MAX_SECONDS) throw new Invalid({ seconds: "chat.slow.seconds" });
  return changeRoom(deps, actor, slug, { slowModeSeconds: seconds }, "chat.slow");
}

export async function setLocked(deps: Deps, actor: Actor | null, slug: string, locked: boolean) {
  return changeRoom(deps, actor, slug, { locked: locked === true }, locked === true ? "chat.lock" : "chat.unlock");
}
