// A room as its page (no JavaScript) and chat:join show it, and the resync after a reconnect.
import type { Db } from "#db/client.ts";
import { chatSeq, type ChatMessage, type ChatRoomState } from "#app/contracts/chat.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import type { Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import { enterRoom, moderatesChat, stateOf, summaryOf, writeStanding, type RoomSummary } from "./access.ts";
import { messagesAfter, recentMessages } from "./history.ts";

export interface RoomView {
  summary: RoomSummary;
  state: ChatRoomState;
  /** The last CHAT_HISTORY messages the actor may see, oldest first. */
  messages: ChatMessage[];
  /** `why`: translate with { minutes, until } from `muteUntil` for a mute. */
  write: { can: true } | { can: false; why: MessageKey };
  muteUntil: string | null;
  /** May use the moderators' controls (chat.moderate). */
  moderator: boolean;
}

export interface RoomOptions {
  /** Runs once the actor is let in and before the history is read (chat:join subscribes the
   *  socket here): every message committed after the history was read is then pushed to it. */
  entered?: () => Promise<void> | void;
}

export async function roomView(db: Db, actor: Actor | null, slug: string, opts: RoomOptions = {}): Promise<RoomView> {
  const entered = await enterRoom(db, actor, slug);
  const member = actor!;
  await opts.entered?.();
  const [messages, write] = await Promise.all([recentMessages(db, entered.room, member.id), writeStanding(db, member, entered)]);
  return {
    summary: summaryOf(entered.room),
    state: stateOf(entered.room),
    messages,
    write,
    muteUntil: entered.muteUntil?.toISOString() ?? null,
    moderator: moderatesChat(member),
  };
}

/** Messages after `afterId` (null: from the oldest kept), oldest first, at most CHAT_SYNC_MAX. */
export async function syncRoom(db: Db, actor: Actor | null, slug: string, afterId: string | null): Promise<ChatMessage[]> {
  const entered = await enterRoom(db, actor, slug);
  const after = afterId === null ? 0 : chatSeq(afterId);
  if (after === null) throw new Invalid({}, "chat.error.invalid");
  return messagesAfter(db, entered.room, actor!.id, after);
}
