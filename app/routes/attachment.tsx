// A text attachment, served as plain text to download — never rendered as a page.
import type { Route } from "./+types/attachment";
import { servicesContext, visitorContext } from "#app/context.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  const file = await orNotFound(() => context.get(servicesContext).forums.attachment(visitor.member, params.attachmentId));
  return new Response(file.content, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
