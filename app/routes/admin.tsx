// /admin: the admin pages' index. Admins only (checked by the service); anyone else gets 403, and
// a visitor who is not signed in goes to sign in first.
import { Link } from "react-router";
import type { Route } from "./+types/admin";
import { servicesContext } from "#app/context.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { isForbidden } from "#server/errors.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  try {
    return await context.get(servicesContext).admission.adminHome(visitor.member);
  } catch (err) {
    if (isForbidden(err)) throw httpError(403);
    throw err;
  }
}

export default function Admin() {
  const t = useT();
  return (
    <section className="panel">
      <PageTitle>{`${t("admission.admin.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("admission.admin.title")}</h1>
      <p>{t("admission.admin.intro")}</p>
      <ul>
        <li>
          <Link to="/admin/settings">{t("admission.admin.settings")}</Link> — {t("admission.admin.settingsHint")}
        </li>
        <li>
          <Link to="/admin/moderators">{t("admission.admin.moderators")}</Link> — {t("admission.admin.moderatorsHint")}
        </li>
        <li>
          <Link to="/admin/invites">{t("admission.admin.invites")}</Link> — {t("admission.admin.invitesHint")}
        </li>
      </ul>
    </section>
  );
}
