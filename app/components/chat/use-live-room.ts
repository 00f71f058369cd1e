// An open room, live (docs/chat.md, "Order, idempotency, resync"): on every (re)connection it
// joins the room and asks for everything after the last id the server answered with, so nothing
// is missed, doubled or reordered; sends wait as "sending…", go one at a time in the order typed,
// and again with the same clientId until the server acknowledges them (it stores one message per
// clientId); removals, room changes, presence and typing arrive as events.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { CHAT_HISTORY, type ChatMessage, type ChatRoomState } from "#app/contracts/chat.ts";
import type { ClientToServerEvents } from "#app/contracts/events.ts";
import { type LiveSocket, liveSocket, useLiveEvent, useOnConnect } from "#app/lib/live-socket.ts";
import { initialModel, lastId, type PendingSend, type RoomModel, roomReducer, type ShownMessage } from "./room-model.ts";
import { type TypingState, useTyping } from "./use-typing.ts";

/** How long an event waits for its acknowledgement before the page tries again. */
const ACK_TIMEOUT_MS = 8_000;
const RETRY_MS = 1_500;

export interface LiveRoom {
  model: RoomModel;
  /** From chat:join: whether this member may write now (null until the first join). */
  canWrite: boolean | null;
  presence: { count: number; names?: string[] } | null;
  typing: TypingState;
  /** What the media guard removed from this member's last message (translated), if anything. */
  notice: string | null;
  /** Messages from others that arrived while the page was open, newest last (for the live region). */
  arrivals: ShownMessage[];
  send(body: string): void;
  typed(): void;
}

export function useLiveRoom(room: string, me: string, page: { messages: ShownMessage[]; state: ChatRoomState }): LiveRoom {
  const [model, dispatch] = useReducer(roomReducer, page, (p) => initialModel(p.messages, p.state));
  const modelRef = useRef(model);
  modelRef.current = model;
  const [canWrite, setCanWrite] = useState<boolean | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [presence, setPresence] = useState<LiveRoom["presence"]>(null);
  const [arrivals, setArrivals] = useState<ShownMessage[]>([]);
  const { typing, someoneTyped, stoppedTyping } = useTyping();
  // The last id the server itself answered with (the page, chat:join the first time, chat:sync),
  // never one from a push: pushes from two senders can arrive out of order, and a resync from a
  // later pushed id would skip the earlier one (docs/chat.md, "Reconnecting").
  const syncedUpTo = useRef<string | null>(newest(page.messages));
  // Sends go one at a time, in the order typed (docs/chat.md, "One sender's order").
  const outbox = useRef<PendingSend[]>([]);
  const inFlight = useRef<{ clientId: string; attempt: number } | null>(null);
  const attempts = useRef(0);

  // The loader ran again (after a form was sent): its messages are the room as it is now.
  useEffect(() => {
    dispatch({ type: "snapshot", messages: page.messages, complete: page.messages.length < CHAT_HISTORY });
    syncedUpTo.current = later(syncedUpTo.current, newest(page.messages));
  }, [page.messages]);

  const pump = useCallback(
    (socket: LiveSocket) => {
      const send = outbox.current[0];
      if (!send || inFlight.current || !socket.connected) return;
      const attempt = ++attempts.current;
      inFlight.current = { clientId: send.clientId, attempt };
      socket.timeout(ACK_TIMEOUT_MS).emit("chat:send", { room, clientId: send.clientId, body: send.body }, (err, result) => {
        const current = inFlight.current?.attempt === attempt;
        if (current) inFlight.current = null;
        if (err) {
          // No answer: again, with the same clientId, in a moment or on the next connection.
          if (current) setTimeout(() => pump(socket), RETRY_MS);
          return;
        }
        outbox.current = outbox.current.filter((p) => p.clientId !== send.clientId);
        if (!result.ok) dispatch({ type: "refused", clientId: send.clientId, error: result.error });
        else {
          const message = { id: result.id, room, author: me, body: send.body.trim(), createdAt: new Date().toISOString() };
          // What the media guard changed is in the server's copy (chat:message), not in ours.
          dispatch({ type: "acked", clientId: send.clientId, message: result.notice ? null : message });
          setNotice(result.notice ?? null);
        }
        pump(socket);
      });
    },
    [room, me],
  );

  const resync = useCallback(
    async (socket: LiveSocket) => {
      const knewUpTo = lastId(modelRef.current);
      const joined = await ask(socket, "chat:join", { room });
      if (!joined?.ok) return;
      dispatch({ type: "snapshot", messages: joined.messages, complete: joined.messages.length < CHAT_HISTORY, knewUpTo });
      dispatch({ type: "state", state: joined.state });
      setCanWrite(joined.canWrite);
      // Whatever was said while this page was away, page by page until an empty answer.
      for (;;) {
        const synced = await ask(socket, "chat:sync", { room, afterId: syncedUpTo.current });
        if (!synced?.ok || synced.messages.length === 0) break;
        dispatch({ type: "arrived", messages: synced.messages });
        syncedUpTo.current = later(syncedUpTo.current, newest(synced.messages));
      }
      syncedUpTo.current = later(syncedUpTo.current, newest(joined.messages));
      // An attempt on the old connection will never be answered: send again from the head.
      inFlight.current = null;
      pump(socket);
    },
    [room, pump],
  );

  useOnConnect((socket) => void resync(socket));

  useEffect(
    () => () => {
      liveSocket()?.emit("chat:leave", { room }, () => {});
    },
    [room],
  );

  useLiveEvent("chat:message", (message) => {
    if (message.room !== room) return;
    dispatch({ type: "arrived", messages: [message] });
    stoppedTyping(message.author);
    if (message.author !== me) setArrivals((list) => [...list.slice(-2), message]);
  });
  useLiveEvent("chat:removed", (removed) => {
    if (removed.room !== room) return;
    dispatch({ type: "removed", id: removed.id });
    setArrivals((list) => list.filter((m) => m.id !== removed.id));
  });
  useLiveEvent("chat:room", (state) => {
    if (state.room !== room) return;
    dispatch({ type: "state", state });
    // Locked or unlocked: whether this member may write again is the server's answer.
    const socket = liveSocket();
    if (socket) void ask(socket, "chat:join", { room }).then((joined) => joined?.ok && setCanWrite(joined.canWrite));
  });
  useLiveEvent("chat:presence", (p) => p.room === room && setPresence({ count: p.count, names: p.names }));
  useLiveEvent("chat:typing", (t) => t.room === room && t.name !== me && someoneTyped(t.name));

  const send = useCallback(
    (body: string) => {
      const pending = { clientId: newClientId(), body };
      dispatch({ type: "sending", send: pending });
      outbox.current = [...outbox.current, pending];
      // Not connected: the next connection's resync sends it.
      const socket = liveSocket();
      if (socket) pump(socket);
    },
    [pump],
  );

  const lastTyped = useRef(0);
  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastTyped.current < 3_000) return;
    lastTyped.current = now;
    liveSocket()?.emit("chat:typing", { room }, () => {});
  }, [room]);

  return { model, canWrite, presence, typing, arrivals, notice, send, typed };
}

type Answer<E extends "chat:join" | "chat:sync"> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** An event's acknowledgement, or null when none came in time (the next connection asks again). */
function ask<E extends "chat:join" | "chat:sync">(socket: LiveSocket, event: E, request: Parameters<ClientToServerEvents[E]>[0]): Promise<Answer<E> | null> {
  return new Promise((resolve) => {
    (socket.timeout(ACK_TIMEOUT_MS).emit as (e: string, r: unknown, cb: (err: unknown, result: Answer<E>) => void) => void)(event, request, (err, result) =>
      resolve(err ? null : result),
    );
  });
}

function newest(messages: readonly ChatMessage[]): string | null {
  let out: string | null = null;
  for (const m of messages) out = later(out, m.id);
  return out;
}

/** The later of two ids (zero-padded: string order is their order). */
function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** A message's id on this device, random and the same for every retry of that send. */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
