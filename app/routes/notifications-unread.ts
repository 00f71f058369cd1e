// GET /notifications/unread: the signed-in member's unread count, as JSON, for the header to read
// again when `notifications:new` says something arrived (components/live/use-live-unread.ts).
// The count comes with the session, as on every page: no query of its own.
import type { Route } from "./+types/notifications-unread";
import { visitorContext } from "#app/context.ts";
import { can } from "#server/authz/policy.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  const headers = { "Cache-Control": "no-store" };
  if (!can(visitor.member, "notifications.read")) return Response.json({ ok: false }, { status: 401, headers });
  return Response.json({ ok: true, count: visitor.unread }, { headers });
}
