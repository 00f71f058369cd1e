// Chat's socket events (docs/chat.md, "Events"). Each goes through handle() (rate limit →
// validate → the member as the database says now → the service → ack → broadcast); the services
// authorize and persist, so a handler only shapes the input, the answer and what follows it.
// A socket joins a room's socket.io room only once chat:join's service has let it in, and before
// the history is read, so no message committed after that read can miss it.
import { z } from "zod";
import { CHAT_CLIENT_ID_MAX } from "#app/contracts/chat.ts";
import { REPORT_NOTE_MAX } from "#app/contracts/limits.ts";
import { MOD_REASON_MAX } from "#app/contracts/reports.ts";
import { translate } from "#app/i18n/catalog.ts";
import { liveRoom } from "#server/live.ts";
import { handle, type HandlerDeps, type HearthSocket } from "#server/realtime/handle.ts";
import type { HearthIo } from "#server/realtime/io.ts";
import { moderatorsOf, presenceOf } from "./presence.ts";

const room = z.string().min(1).max(100);
const id = z.string().min(1).max(20);
const reason = z.string().max(MOD_REASON_MAX).optional();
// What arrives may still hold an image the media guard removes: more than a message's length.
const RAW_BODY_MAX = 60_000;

const roomOnly = z.object({ room });
const sendInput = z.object({ room, clientId: z.string().min(1).max(CHAT_CLIENT_ID_MAX), body: z.string().max(RAW_BODY_MAX) });
const syncInput = z.object({ room, afterId: id.nullable() });
const reportInput = z.object({
  room,
  id,
  reason: z.string().max(40),
  note: z
    .string()
    .max(REPORT_NOTE_MAX * 2)
    .optional(),
});
const removeInput = z.object({ room, id, reason });
const muteInput = z.object({ room, member: z.string().min(1).max(100), minutes: z.number().int().min(0), reason });
const slowInput = z.object({ room, seconds: z.number().int().min(0) });
const lockInput = z.object({ room, locked: z.boolean() });

const done = async () => {};

export function chatHandlers(deps: HandlerDeps, socket: HearthSocket, io: HearthIo) {
  const chat = deps.services.chat;
  const presence = presenceOf(io);
  const rooms = () => [...socket.rooms].filter((r) => r.startsWith("room:")).map((r) => r.slice("room:".length));

  handle(deps, socket, "chat:join", roomOnly, async ({ actor }, input) => {
    const joined = [liveRoom({ room: input.room })];
    try {
      const view = await chat.room(actor, input.room, {
        entered: async () => {
          if (chat.moderates(actor)) joined.push(moderatorsOf(input.room));
          await socket.join(joined);
        },
      });
      return { reply: { messages: view.messages, state: view.state, canWrite: view.write.can }, broadcast: () => presence.changed(input.room) };
    } catch (err) {
      // Let in, then failed reading the history: not left half-joined.
      for (const r of joined) if (socket.rooms.has(r)) await socket.leave(r);
      throw err;
    }
  });

  handle(deps, socket, "chat:leave", roomOnly, async (_ctx, input) => {
    const was = socket.rooms.has(liveRoom({ room: input.room }));
    await socket.leave(liveRoom({ room: input.room }));
    await socket.leave(moderatorsOf(input.room));
    return { reply: {}, broadcast: was ? () => presence.changed(input.room) : done };
  });

  handle(deps, socket, "chat:send", sendInput, async ({ actor, locale }, input) => {
    const sent = await chat.send(actor, input.room, { clientId: input.clientId, body: input.body });
    return { reply: { id: sent.message.id, ...(sent.notice ? { notice: translate(locale, sent.notice) } : {}) }, broadcast: sent.broadcast };
  });

  handle(deps, socket, "chat:sync", syncInput, async ({ actor }, input) => ({ reply: { messages: await chat.sync(actor, input.room, input.afterId) } }));

  handle(deps, socket, "chat:typing", roomOnly, async ({ actor }, input) => {
    await chat.typing(actor, input.room);
    // Shown only in a room this socket is in: a stray event from another page says nothing.
    if (!socket.rooms.has(liveRoom({ room: input.room }))) return { reply: {} };
    return { reply: {}, broadcast: () => presence.typing(input.room, { memberId: socket.data.memberId, pseudonym: socket.data.pseudonym }) };
  });

  handle(deps, socket, "chat:report", reportInput, async ({ actor }, input) => {
    const reported = await chat.report(actor, input.room, input.id, { reason: input.reason, note: input.note });
    return { reply: {}, broadcast: reported.broadcast };
  });

  handle(deps, socket, "chat:remove", removeInput, async ({ actor }, input) => {
    const removed = await chat.remove(actor, input.room, input.id, input.reason ?? null);
    return { reply: {}, broadcast: removed.broadcast };
  });

  handle(deps, socket, "chat:mute", muteInput, async ({ actor }, input) => {
    const muted = await chat.mute(actor, input.room, input.member, input.minutes, input.reason ?? null);
    return { reply: { until: muted.until }, broadcast: muted.broadcast };
  });

  handle(deps, socket, "chat:slow", slowInput, async ({ actor }, input) => {
    const changed = await chat.setSlowMode(actor, input.room, input.seconds);
    return { reply: {}, broadcast: changed.broadcast };
  });

  handle(deps, socket, "chat:lock", lockInput, async ({ actor }, input) => {
    const changed = await chat.setLocked(actor, input.room, input.locked);
    return { reply: {}, broadcast: changed.broadcast };
  });

  // A closing socket leaves its rooms: they are counted again once it has gone.
  socket.on("disconnecting", () => {
    for (const slug of rooms()) presence.changed(slug);
  });
}
