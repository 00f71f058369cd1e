// Who enters which room, and who may write there (docs/chat.md, decision 017). A room's `access`
// sits on top of the policy table: `everyone` needs chat.read, `members` also a member past
// probation, `moderators` chat.moderatorsRoom. A room the actor may not enter is NotFound, never
// Forbidden, so its existence does not leak. Writing needs chat.write and is refused, with a
// reason the member can act on, while suspended, paused, on probation (unless the setting
// chat.probation_writes allows it), muted in the room, or in a locked room (moderators write on).
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { chatMutes, chatRooms } from "#db/schema.ts";
import type { ChatRoomState } from "#app/contracts/chat.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { onProbation } from "#server/admission/probation.ts";
import { can, isSuspended, type Actor } from "#server/authz/policy.ts";
import { Forbidden, NotFound } from "#server/errors.ts";
import { readSetting } from "#server/settings/store.ts";

export type RoomRow = typeof chatRooms.$inferSelect;

export interface RoomSummary {
  slug: string;
  names: Record<string, string>;
  descriptions: Record<string, string>;
  access: "everyone" | "members" | "moderators";
  locked: boolean;
}

/** What the room's page and chat:join say about writing; `why` is translated by the caller. */
export type WriteStanding = { can: true } | { can: false; why: MessageKey };

export interface EnteredRoom {
  room: RoomRow;
  /** The end of the actor's mute in this room, if one is running. */
  muteUntil: Date | null;
}

export function summaryOf(room: RoomRow): RoomSummary {
  return { slug: room.slug, names: room.names, descriptions: room.descriptions, access: room.access, locked: room.locked };
}

export function stateOf(room: Pick<RoomRow, "slug" | "locked" | "slowModeSeconds">): ChatRoomState {
  return { room: room.slug, locked: room.locked, slowModeSeconds: room.slowModeSeconds };
}

/** Whether the actor may use the moderators' controls in rooms (rooms belong to no forum). */
export function moderatesChat(actor: Actor | null): boolean {
  return can(actor, "chat.moderate");
}

async function mayEnter(db: Db, actor: Actor, room: Pick<RoomRow, "access" | "archived">): Promise<boolean> {
  if (room.archived || !can(actor, "chat.read")) return false;
  if (room.access === "moderators") return can(actor, "chat.moderatorsRoom");
  if (room.access === "members") return !(await onProbation(db, actor));
  return true;
}

/** The rooms this actor may enter, in their order. */
export async function listRooms(db: Db, actor: Actor | null): Promise<RoomSummary[]> {
  if (!actor || !can(actor, "chat.read")) throw new Forbidden();
  const rows = await db.select().from(chatRooms).where(eq(chatRooms.archived, false)).orderBy(asc(chatRooms.position), asc(chatRooms.slug));
  const probation = rows.some((r) => r.access === "members") ? await onProbation(db, actor) : false;
  return rows.filter((r) => (r.access === "moderators" ? can(actor, "chat.moderatorsRoom") : r.access === "members" ? !probation : true)).map(summaryOf);
}

/** The room, with the actor's mute in it, if the actor may enter; NotFound otherwise. */
export async function enterRoom(db: Db, actor: Actor | null, slug: string): Promise<EnteredRoom> {
  if (!actor || typeof slug !== "string" || slug.length > 100) throw new NotFound();
  const [row] = await db
    .select({ room: chatRooms, muteUntil: chatMutes.until })
    .from(chatRooms)
    .leftJoin(chatMutes, and(eq(chatMutes.roomId, chatRooms.id), eq(chatMutes.memberId, actor.id), gt(chatMutes.until, sql`now()`)))
    .where(eq(chatRooms.slug, slug));
  if (!row || !(await mayEnter(db, actor, row.room))) throw new NotFound();
  return { room: row.room, muteUntil: row.muteUntil };
}

/** Whether the actor may write in the room now, and if not, why (in the order a member would
 *  want to hear it: their own standing first, then the room). */
export async function writeStanding(db: Db, actor: Actor, entered: EnteredRoom, now = new Date()): Promise<WriteStanding> {
  if (isSuspended(actor, now)) return { can: false, why: "chat.readOnly.suspended" };
  if (!can(actor, "chat.write")) return { can: false, why: "chat.error.forbidden" };
  if (actor.postingPaused) return { can: false, why: "chat.readOnly.paused" };
  if (entered.room.access === "everyone" && (await onProbation(db, actor)) && !(await readSetting(db, "chat.probation_writes")))
    return { can: false, why: "chat.readOnly.probation" };
  if (entered.muteUntil && entered.muteUntil.getTime() > now.getTime()) return { can: false, why: "chat.readOnly.muted" };
  if (entered.room.locked && !moderatesChat(actor)) return { can: false, why: "chat.readOnly.locked" };
  return { can: true };
}

/** What "chat.readOnly.muted" fills in: the minutes left, rounded up, and the end as
 *  "2026-12-03 14:05 UTC" (the same in both languages; no guess at the reader's time zone).
 *  Pages call it with RoomView.muteUntil. */
export function muteParams(until: Date | string, now = new Date()): { minutes: number; until: string } {
  const end = new Date(until);
  return {
    minutes: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 60_000)),
    until: `${end.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  };
}
