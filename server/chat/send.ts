// Sending a message (docs/chat.md, "Sending"; decision 017). Committed, then acknowledged, then
// broadcast: `broadcast()` is for the caller to run once the sender has their answer.
//
// - The message's number is its room's counter, taken by `UPDATE chat_rooms SET last_seq =
//   last_seq + 1 … RETURNING` inside the message's own transaction: the room row stays locked
//   until the commit, so numbers (and ids) within a room follow commit order, and a refused or
//   rolled-back message gives its number back.
// - A retried send (same author, same clientId: the unique (author_id, client_id)) stores
//   nothing new and answers the message already stored, with `repeated` set and a broadcast that
//   does nothing: whoever was sent it the first time is not sent it again.
// - Slow mode, the lock and a mute are checked again under the room's lock, so two quick sends
//   cannot both pass the gap, and a message cannot slip in after the room was locked or its
//   author muted.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { chatMessages, chatMutes, chatRooms, members } from "#db/schema.ts";
import { CHAT_CLIENT_ID_MAX, type ChatMessage } from "#app/contracts/chat.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import type { Live } from "#server/live.ts";
import { recordRemovals } from "#server/media/guard.ts";
import { PRIORITY } from "#server/moderation/priority.ts";
import { openQueueItem } from "#server/moderation/queue.ts";
import { pauseAfterRepeatImages } from "#server/moderation/repeat-images.ts";
import { readSetting } from "#server/settings/store.ts";
import { enterRoom, moderatesChat, muteParams, writeStanding, type EnteredRoom } from "./access.ts";
import { checkBody, judgeBody, scanBody } from "./body.ts";
import { messageOf } from "./history.ts";

export interface Sent {
  message: ChatMessage;
  /** What the media guard removed, for the sender. */
  notice: MessageKey | null;
  repeated: boolean;
  broadcast(): Promise<void>;
}

const CLIENT_ID = /^[A-Za-z0-9_-]+$/;

/** Throws Invalid with the reason (and, for a mute, until when) unless the actor may write. */
export async function requireWriter(db: Db, actor: Actor, entered: EnteredRoom, now = new Date()) {
  const standing = await writeStanding(db, actor, entered, now);
  if (standing.can) return;
  const until = entered.muteUntil;
  throw new Invalid({}, standing.why, standing.why === "chat.readOnly.muted" && until ? muteParams(until, now) : undefined);
}

/** Typing is a sign of writing: only someone who may write in the room shows it. */
export async function mayType(db: Db, actor: Actor | null, slug: string): Promise<void> {
  const entered = await enterRoom(db, actor, slug);
  await requireWriter(db, actor!, entered);
}

class AlreadySent extends Error {}

async function existing(db: Db, authorId: string, clientId: string) {
  const [row] = await db
    .select({ roomId: chatMessages.roomId, seq: chatMessages.seq, body: chatMessages.body, createdAt: chatMessages.createdAt, author: members.pseudonym })
    .from(chatMessages)
    .leftJoin(members, eq(members.id, chatMessages.authorId))
    .where(and(eq(chatMessages.authorId, authorId), eq(chatMessages.clientId, clientId)));
  return row ?? null;
}

const nothing = async () => {};

function repeated(slug: string, roomId: string, row: NonNullable<Awaited<ReturnType<typeof existing>>>): Sent {
  // A client id is the sender's for one message: reused in another room, it is a confused client.
  if (row.roomId !== roomId) throw new Invalid({}, "chat.error.invalid");
  return { message: messageOf(slug, row), notice: null, repeated: true, broadcast: nothing };
}

export async function sendMessage(deps: { db: Db; live: Live }, actor: Actor | null, slug: string, input: { clientId: unknown; body: unknown }): Promise<Sent> {
  const { db } = deps;
  const entered = await enterRoom(db, actor, slug);
  const member = actor!;
  const clientId = input.clientId;
  if (typeof clientId !== "string" || clientId.length > CHAT_CLIENT_ID_MAX || !CLIENT_ID.test(clientId)) throw new Invalid({}, "chat.error.invalid");
  const room = entered.room;
  // A retry of a message already stored answers it, whatever changed since (a lock, a mute): the
  // sender must not be told it failed when everyone has read it.
  const again = await existing(db, member.id, clientId);
  if (again) return repeated(room.slug, room.id, again);
  await requireWriter(db, member, entered);
  if (typeof input.body !== "string") throw new Invalid({ body: "chat.body.empty" });

  const scanned = scanBody(input.body);
  // Recorded before any refusal, outside the message's transaction (server/media/guard.ts);
  // enough attempts pause the member's posting and chatting.
  await recordRemovals(db, member.id, scanned.removals);
  if (scanned.removals.length > 0) await pauseAfterRepeatImages(db, member.id);
  const body = checkBody(scanned);
  const { flagged } = judgeBody(body, await readSetting(db, "moderation.watched_words"));
  const exempt = moderatesChat(member);

  try {
    const stored = await db.transaction(async (tx) => {
      // One statement takes the number and reads, under the room's lock, what may still refuse
      // the message (the lock, slow mode, a mute that committed while it was on its way): the
      // lock is held for as few round trips as can be.
      const [taken] = await tx
        .update(chatRooms)
        .set({ lastSeq: sql`${chatRooms.lastSeq} + 1` })
        .where(eq(chatRooms.id, room.id))
        .returning({
          seq: chatRooms.lastSeq,
          locked: chatRooms.locked,
          author: sql<string>`(select ${members.pseudonym} from ${members} where ${members.id} = ${member.id})`,
          wait: sql<
            number | null
          >`(select ceil(extract(epoch from (max(${chatMessages.createdAt}) + make_interval(secs => ${chatRooms.slowModeSeconds}) - now())))::int
            from ${chatMessages} where ${chatMessages.roomId} = ${room.id} and ${chatMessages.authorId} = ${member.id} and ${chatRooms.slowModeSeconds} > 0)`,
          mutedUntil: sql<string | null>`(select ${chatMutes.until} from ${chatMutes}
            where ${chatMutes.roomId} = ${room.id} and ${chatMutes.memberId} = ${member.id} and ${chatMutes.until} > now())`,
        });
      if (!taken) throw new Invalid({}, "chat.error.notFound");
      if (!exempt) {
        if (taken.locked) throw new Invalid({}, "chat.readOnly.locked");
        if (taken.wait !== null && taken.wait > 0) throw new Invalid({}, "chat.slowMode", { seconds: taken.wait });
        if (taken.mutedUntil) throw new Invalid({}, "chat.readOnly.muted", muteParams(new Date(taken.mutedUntil), new Date()));
      }
      const [row] = await tx
        .insert(chatMessages)
        .values({ roomId: room.id, seq: taken.seq, authorId: member.id, body, clientId })
        .onConflictDoNothing({ target: [chatMessages.authorId, chatMessages.clientId] })
        .returning({ id: chatMessages.id, createdAt: chatMessages.createdAt });
      if (!row) throw new AlreadySent();
      if (flagged) {
        const detail = { reasons: ["watched-word"] };
        await openQueueItem(tx, { kind: "flag", target: { message: row.id }, forumId: null, memberId: member.id, priority: PRIORITY.hold, detail });
      }
      return { seq: taken.seq, createdAt: row.createdAt, author: taken.author };
    });
    const message = messageOf(room.slug, { seq: stored.seq, body, createdAt: stored.createdAt, author: stored.author });
    return {
      message,
      notice: scanned.removals.length > 0 ? "chat.notice.imageRemoved" : null,
      repeated: false,
      async broadcast() {
        await deps.live.push({ room: room.slug, hiddenFrom: member.id }, "chat:message", message);
        if (flagged) await deps.live.push({ moderators: true }, "mod:queue");
      },
    };
  } catch (err) {
    // The same message sent twice at once: the second waited for the room's lock, then met the
    // first's row. Its number was given back with its transaction.
    if (!(err instanceof AlreadySent)) throw err;
    return repeated(room.slug, room.id, (await existing(db, member.id, clientId))!);
  }
}
