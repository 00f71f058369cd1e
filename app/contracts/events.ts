// The socket.io contract, typed once and shared by server and client (docs/realtime.md). Event
// names are `domain:verb` and other clients rely on them: change a name or a shape only with
// the docs. Every client event takes an acknowledgement; every answer is `{ok: true, ...}` or
// `{ok: false, error}`, `error` a message already translated for the member.
import type { ChatMessage, ChatRoomState } from "./chat.ts";

export type Result<T> = { ok: true; data: T } | { ok: false; error: string };
/** An acknowledgement's answer: `{ok: true}` with fields of its own, or a translated error. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };
type Answer<T extends object = object> = (result: Ack<T>) => void;

/** A post as an open thread page shows it, pushed when it appears or changes. */
export interface LivePost {
  id: string;
  threadId: string;
  author: string | null;
  /** Sanitized HTML, stored at write time: the same for every reader. */
  bodyHtml: string;
  createdAt: string;
  editedAt: string | null;
  /** The post's own content warning: a live post is collapsed behind it as a rendered one is. */
  contentWarning: string | null;
  /** Its text attachments (never their content), linked as the page links them. */
  attachments: Array<{ id: string; name: string; size: number }>;
}

export interface ServerToClientEvents {
  /** This connection's session was ended (sign-out, passphrase change, revocation). */
  "session:ended": () => void;
  /** Something new for this member (a mention): the header's unread count should be read again. */
  "notifications:new": () => void;
  /** Realtime across nodes is down (`ok: false`: show "reconnecting") or back (`ok: true`:
   *  resynchronise every open room and page). */
  "realtime:status": (status: { ok: boolean }) => void;
  "chat:message": (message: ChatMessage) => void;
  "chat:removed": (removed: { room: string; id: string }) => void;
  /** A room was locked or unlocked, or its slow mode changed. */
  "chat:room": (state: ChatRoomState) => void;
  /** Members present in a room; `names` only for moderators. */
  "chat:presence": (presence: { room: string; count: number; names?: string[] }) => void;
  /** Someone is typing; `name` only for moderators. */
  "chat:typing": (typing: { room: string; name?: string }) => void;
  /** A new reply or an edit on a watched thread. */
  "thread:post": (post: LivePost) => void;
  /** A post taken out of a watched thread (removed, hidden, deleted by its author). */
  "thread:removed": (removed: { threadId: string; postId: string }) => void;
  /** Moderators: something arrived in, or left, the queue; read it again. */
  "mod:queue": () => void;
}

export interface ClientToServerEvents {
  "session:check": (ack: (result: Result<{ pseudonym: string }>) => void) => void;
  /** The last CHAT_HISTORY messages, oldest first, and the room's state. */
  "chat:join": (req: { room: string }, ack: Answer<{ messages: ChatMessage[]; state: ChatRoomState; canWrite: boolean }>) => void;
  "chat:leave": (req: { room: string }, ack: Answer) => void;
  /** Committed, then acknowledged, then broadcast. `notice`: what the media guard removed. */
  "chat:send": (req: { room: string; clientId: string; body: string }, ack: Answer<{ id: string; notice?: string }>) => void;
  /** Messages after `afterId`, oldest first (at most CHAT_SYNC_MAX; ask again from the last). */
  "chat:sync": (req: { room: string; afterId: string | null }, ack: Answer<{ messages: ChatMessage[] }>) => void;
  "chat:typing": (req: { room: string }, ack: Answer) => void;
  "chat:report": (req: { room: string; id: string; reason: string; note?: string }, ack: Answer) => void;
  // Moderators (server/authz/policy.ts, "chat.moderate"), re-checked on every event.
  "chat:remove": (req: { room: string; id: string; reason?: string }, ack: Answer) => void;
  "chat:mute": (req: { room: string; member: string; minutes: number; reason?: string }, ack: Answer<{ until: string }>) => void;
  "chat:slow": (req: { room: string; seconds: number }, ack: Answer) => void;
  "chat:lock": (req: { room: string; locked: boolean }, ack: Answer) => void;
  /** Live updates for an open thread page (one the member may read). */
  "thread:watch": (req: { thread: string }, ack: Answer) => void;
  "thread:unwatch": (req: { thread: string }, ack: Answer) => void;
}

export interface SocketData {
  memberId: string;
  pseudonym: string;
  sessionId: string;
  /** The role at the handshake: which rooms the socket joins. Permissions are checked per event. */
  role: "member" | "moderator" | "admin";
  locale: "en" | "zh-Hans";
  /** Members this member blocks: their chat messages do not reach this socket. */
  hides: string[];
}
