// /chat/:roomSlug/report/:messageId on the server: the message as the reporter can see it (a
// message gone, or in a room they may not enter, is the 404 page), and filing the report.
import { redirect, type RouterContextProvider } from "react-router";
import { servicesContext } from "#app/context.ts";
import { chatMessageId, chatSeq } from "#app/contracts/chat.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure, keepValues } from "#app/lib/form-result.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { isSuspended } from "#server/authz/policy.ts";

export async function loadReportedMessage(context: Readonly<RouterContextProvider>, slug: string, messageId: string) {
  const visitor = requireMember(context);
  const seq = chatSeq(messageId);
  if (seq === null || seq < 1) throw httpError(404);
  const chat = context.get(servicesContext).chat;
  // The one message, read the way the room's page reads it (so it is only found if visible).
  const [after, rooms] = await Promise.all([orNotFound(() => chat.sync(visitor.member, slug, chatMessageId(seq - 1))), chat.rooms(visitor.member)]);
  const message = after[0];
  const room = rooms.find((r) => r.slug === slug);
  if (!message || message.id !== chatMessageId(seq) || !room) throw httpError(404);
  const refused: MessageKey | null = isSuspended(visitor.member)
    ? "standing.suspended"
    : message.author === visitor.member.pseudonym
      ? "reports.notYourself"
      : null;
  return {
    room: { slug, name: room.names[visitor.locale] ?? room.names.en ?? slug },
    message: { id: message.id, author: message.author, body: message.body },
    refused,
  };
}

export async function fileMessageReport(context: Readonly<RouterContextProvider>, slug: string, messageId: string, request: Request) {
  const visitor = requireMember(context);
  const form = await readForm(request);
  const note = typeof form.get("note") === "string" ? String(form.get("note")) : "";
  try {
    const reported = await orNotFound(() =>
      context.get(servicesContext).chat.report(visitor.member, slug, messageId, { reason: String(form.get("reason") ?? ""), note: note.trim() || undefined }),
    );
    // Open queues hear of it (mod:queue).
    await reported.broadcast();
  } catch (err) {
    return formFailure(err, keepValues(form, ["note", "reason"]));
  }
  return redirect(`/chat/${encodeURIComponent(slug)}?done=reported`);
}
