// Chat as both sides see it (docs/chat.md): a message, a room's state and the limits the server
// enforces (the browser's checks only spare a round trip). Nothing here imports server code.

/** A message's body, in code points, after trimming. */
export const CHAT_BODY_MAX = 2000;
/** A client's id for one message (a retried send carries the same one). */
export const CHAT_CLIENT_ID_MAX = 64;
/** How many messages `chat:join` answers with, and the page shows without JavaScript. */
export const CHAT_HISTORY = 50;
/** The most `chat:sync` answers at once; a client asks again from the last id it got. */
export const CHAT_SYNC_MAX = 200;

export interface ChatMessage {
  /** Sorts (as a string) in commit order within its room. */
  id: string;
  /** The room's slug. */
  room: string;
  /** The author's pseudonym. */
  author: string;
  /** Plain text: escape it, and make its links clickable (app/components/chat/linkify.tsx). */
  body: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface ChatRoomState {
  room: string;
  locked: boolean;
  slowModeSeconds: number;
}

/** A room's message number as its public id: zero-padded, so string order is number order. */
export function chatMessageId(seq: number): string {
  return String(seq).padStart(12, "0");
}

/** The number behind a public id, or null if it is not one. */
export function chatSeq(id: unknown): number | null {
  if (typeof id !== "string" || !/^[0-9]{1,15}$/.test(id)) return null;
  return Number(id);
}
