// What an open room shows, as a pure reducer (app/components/chat/use-live-room.ts feeds it from
// the loader and the socket): messages kept in id order with no duplicate, however often the
// same message arrives (the page, chat:join, chat:sync, chat:message, an acknowledgement); a
// removed message gone for good; sends waiting for their acknowledgement.
import type { ChatMessage, ChatRoomState } from "#app/contracts/chat.ts";

/** A message as the page shows it; `at` is the server's formatted time when it came with the page. */
export type ShownMessage = ChatMessage & { at?: { relative: string; exact: string; iso: string } | null };

export interface PendingSend {
  clientId: string;
  body: string;
}

export interface RoomModel {
  messages: ShownMessage[];
  pending: PendingSend[];
  state: ChatRoomState;
  /** Ids removed while this page was open: an answer already on its way cannot bring one back. */
  gone: ReadonlySet<string>;
  /** The last send the server refused, to hand its text back to the composer. */
  refused: { body: string; error: string; n: number } | null;
}

export type RoomAction =
  /** A snapshot of the room's latest messages (the page, chat:join): within the span it covers,
   *  what it leaves out was removed. `complete`: it holds the room's whole history. `knewUpTo`:
   *  the newest id the page had when it asked, which the snapshot must then cover. */
  | { type: "snapshot"; messages: ShownMessage[]; complete: boolean; knewUpTo?: string | null }
  | { type: "arrived"; messages: ShownMessage[] }
  | { type: "removed"; id: string }
  | { type: "state"; state: ChatRoomState }
  | { type: "sending"; send: PendingSend }
  | { type: "acked"; clientId: string; message: ShownMessage | null }
  | { type: "refused"; clientId: string; error: string };

/** The most messages a page keeps while it stays open; older ones scroll out. */
export const KEPT_MESSAGES = 500;

export function initialModel(messages: ShownMessage[], state: ChatRoomState): RoomModel {
  return { messages: ordered(messages), pending: [], state, gone: new Set(), refused: null };
}

export function lastId(model: RoomModel): string | null {
  return model.messages.at(-1)?.id ?? null;
}

export function roomReducer(model: RoomModel, action: RoomAction): RoomModel {
  switch (action.type) {
    case "snapshot": {
      const fresh = action.messages.filter((m) => !model.gone.has(m.id));
      const ids = action.messages.map((m) => m.id).sort();
      const newest = [ids.at(-1), action.knewUpTo]
        .filter((id): id is string => Boolean(id))
        .sort()
        .at(-1);
      const from = action.complete ? "" : (ids[0] ?? null);
      // Outside [from, newest] the snapshot says nothing: keep what the page has there.
      const covered = (id: string) => from !== null && newest !== undefined && id >= from && id <= newest;
      return {
        ...model,
        messages: merged(
          model.messages.filter((m) => !covered(m.id)),
          fresh,
        ),
      };
    }
    case "arrived": {
      const fresh = action.messages.filter((m) => !model.gone.has(m.id));
      return fresh.length ? { ...model, messages: merged(model.messages, fresh) } : model;
    }
    case "removed": {
      const gone = new Set(model.gone).add(action.id);
      return { ...model, gone, messages: model.messages.filter((m) => m.id !== action.id) };
    }
    case "state":
      return { ...model, state: action.state };
    case "sending":
      return { ...model, pending: [...model.pending, action.send] };
    case "acked": {
      const pending = model.pending.filter((p) => p.clientId !== action.clientId);
      const message = action.message && !model.gone.has(action.message.id) ? action.message : null;
      // The server's own copy (chat:message) may have come first: it wins over the local one.
      const known = message ? model.messages.some((m) => m.id === message.id) : true;
      return { ...model, pending, messages: known ? model.messages : merged(model.messages, [message!]) };
    }
    case "refused": {
      const send = model.pending.find((p) => p.clientId === action.clientId);
      if (!send) return model;
      return {
        ...model,
        pending: model.pending.filter((p) => p !== send),
        refused: { body: send.body, error: action.error, n: (model.refused?.n ?? 0) + 1 },
      };
    }
  }
}

// Newer copies replace older ones (a snapshot's text is the server's current word).
function merged(existing: ShownMessage[], incoming: ShownMessage[]): ShownMessage[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, { ...m, at: m.at ?? byId.get(m.id)?.at });
  return ordered([...byId.values()]);
}

// Ids are zero-padded message numbers: their string order is the room's order.
function ordered(messages: ShownMessage[]): ShownMessage[] {
  const sorted = [...messages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.length > KEPT_MESSAGES ? sorted.slice(-KEPT_MESSAGES) : sorted;
}
