// GET /exit (docs/architecture.md, Public contracts; docs/safety.md QE2): 303 to a neutral page, after ending the
// session when the member chose "quick exit also signs me out" or this device is in discreet mode.
// A GET that may sign out, on purpose: docs/decisions/006-quick-exit.md.
import { redirect } from "react-router";
import type { Route } from "./+types/exit";
import { servicesContext, visitorContext } from "#app/context.ts";
import { clearedSessionCookie } from "#app/lib/auth.server.ts";
import { DEFAULT_QUICK_EXIT_URLS } from "#db/seed-data/settings.ts";
import { isDatabaseDown } from "#server/errors.ts";
import { signOutClearSiteData } from "#server/safety/discreet-mode.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  const services = context.get(servicesContext);
  // A link on another site must not be able to sign a member out.
  const crossSite = ["cross-site", "same-site"].includes(request.headers.get("sec-fetch-site") ?? "");
  // A member waiting for approval has a session too: discreet mode ends it as well.
  const memberId = visitor.member?.id ?? visitor.waiting?.id ?? null;
  // Leaving must never fail: with the database away, the default page, and out of the session
  // when discreet mode asks for it (known without the database).
  let plan = { destination: DEFAULT_QUICK_EXIT_URLS[visitor.locale] as string, signOut: visitor.discreet && memberId !== null && !crossSite };
  try {
    plan = await services.safety.planQuickExit({ memberId, locale: visitor.locale, crossSite, discreet: visitor.discreet });
  } catch (err) {
    if (!isDatabaseDown(err)) throw err;
  }
  const headers = new Headers();
  if (plan.signOut && visitor.sessionId) {
    headers.append("Set-Cookie", clearedSessionCookie(visitor.https));
    // Nothing of the visit stays in this browser (as at sign-out), but for this device's own
    // choices in discreet mode.
    headers.set("Clear-Site-Data", signOutClearSiteData(visitor.discreet));
    try {
      await services.auth.signOut(visitor.sessionId);
    } catch (err) {
      if (!isDatabaseDown(err)) throw err;
    }
  }
  return redirect(plan.destination, { status: 303, headers });
}
