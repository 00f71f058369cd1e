// The chat capability (docs/chat.md, notes on the API in /work/notes/chat-api.md): rooms, a room's
// view and history, sending, resync, reports, the moderators' controls and the retention job's
// body. Every function takes the acting member (Visitor.member, or on sockets the member re-read
// for the event) and authorizes itself (server/authz/policy.ts and the room's access).
import type { Actor } from "#server/authz/policy.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { listRooms, moderatesChat } from "./access.ts";
import { moderateFromForm } from "./moderate-form.ts";
import { muteMember, removeMessage, setLocked, setSlowMode } from "./moderate.ts";
import { reportMessage } from "./report.ts";
import { JOB_LOCKS, onOneNode } from "#server/jobs/one-node.ts";
import { deleteExpired, roomRetentions, setRoomRetention } from "./retention.ts";
import { roomView, syncRoom, type RoomOptions } from "./rooms.ts";
import { mayType, sendMessage } from "./send.ts";

export { muteParams, type RoomSummary, type WriteStanding } from "./access.ts";
export type { RoomView } from "./rooms.ts";
export type { Sent } from "./send.ts";

export function createChatServices(deps: ServiceDeps) {
  const { db } = deps;
  return {
    /** Whether the actor may use the moderators' controls in rooms (and see who is present). */
    moderates: (actor: Actor | null) => moderatesChat(actor),
    rooms: (actor: Actor | null) => listRooms(db, actor),
    room: (actor: Actor | null, slug: string, opts?: RoomOptions) => roomView(db, actor, slug, opts),
    send: (actor: Actor | null, slug: string, input: { clientId: unknown; body: unknown }) => sendMessage(deps, actor, slug, input),
    /** Throws unless the actor may write in the room (chat:typing shows only writers typing). */
    typing: (actor: Actor | null, slug: string) => mayType(db, actor, slug),
    sync: (actor: Actor | null, slug: string, afterId: string | null) => syncRoom(db, actor, slug, afterId),
    report: (actor: Actor | null, slug: string, id: string, data: { reason: unknown; note?: unknown }) => reportMessage(deps, actor, slug, id, data),
    remove: (actor: Actor | null, slug: string, id: string, reason?: string | null) => removeMessage(deps, actor, slug, id, reason ?? null),
    mute: (actor: Actor | null, slug: string, pseudonym: string, minutes: number, reason?: string | null) =>
      muteMember(deps, actor, slug, pseudonym, minutes, reason ?? null),
    setSlowMode: (actor: Actor | null, slug: string, seconds: number) => setSlowMode(deps, actor, slug, seconds),
    setLocked: (actor: Actor | null, slug: string, locked: boolean) => setLocked(deps, actor, slug, locked),
    /** The /mod queue's form on a chat message (intent `removeMessage`, `room`, `messageId`, reason). */
    moderateFromForm: (actor: Actor | null, data: FormInput) => moderateFromForm(deps, actor, data),
    /** Null when another node is at it (server/jobs/one-node.ts). */
    deleteExpired: (now?: Date) => onOneNode(db, JOB_LOCKS.chatRetention, () => deleteExpired(db, now)),
    /** Every open room's name, access and retention, for the privacy page. */
    retentionByRoom: () => roomRetentions(db),
    /** For the operator's CLI only (it has no route). */
    setRetention: (slug: string, days: number) => setRoomRetention(db, slug, days),
  };
}

export type ChatServices = ReturnType<typeof createChatServices>;
