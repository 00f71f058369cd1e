import { Form, redirect } from "react-router";
import type { Route } from "./+types/logout";
import { servicesContext, visitorContext } from "#app/context.ts";
import { useT } from "#app/i18n/use-t.ts";
import { clearedSessionCookie } from "#app/lib/auth.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";
import { signedOutPath, signOutClearSiteData } from "#server/safety/discreet-mode.ts";

// GET only asks; signing out is a POST (no state change on GET, ASVS 3.5.x).
export async function loader({ context }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  if (!visitor.member && !visitor.waiting) throw redirect("/login");
  return null;
}

export async function action({ context }: Route.ActionArgs) {
  const visitor = context.get(visitorContext);
  if (visitor.sessionId) await context.get(servicesContext).auth.signOut(visitor.sessionId);
  const headers = new Headers();
  headers.append("Set-Cookie", clearedSessionCookie(visitor.https));
  // Leaves nothing of the visit in this browser: a shared device should not show Hearth was used;
  // in discreet mode, but for the device's own choices, or the next page's title says Hearth.
  headers.set("Clear-Site-Data", signOutClearSiteData(visitor.discreet));
  return redirect(signedOutPath("/login?signed-out", visitor.discreet, visitor.locale), { headers });
}

export default function Logout() {
  const t = useT();
  return (
    <section className="panel">
      <PageTitle>{`${t("logout.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("logout.title")}</h1>
      <p>{t("logout.confirm")}</p>
      <Form method="post">
        <button type="submit">{t("logout.submit")}</button>
      </Form>
    </section>
  );
}
