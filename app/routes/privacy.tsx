// /privacy (issue 12): what Hearth keeps about a member, for how long and who can see it, and what
// it never stores, in plain words. The periods come from the retention settings and each chat
// room's own, read on every request, so the page says what this server does now. Public: anyone
// may read it, signed in or not, waiting for approval too (docs/architecture.md, Privacy rules).
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Route } from "./+types/privacy";
import { servicesContext, visitorContext } from "#app/context.ts";
import { PageTitle } from "#app/components/page-title.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { SESSION_LIFETIME_MS } from "#server/auth/session.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function loader({ context }: Route.LoaderArgs) {
  const { settings, chat } = context.get(servicesContext);
  const locale = context.get(visitorContext).locale;
  const [periods, rooms] = await Promise.all([settings.retention(), chat.retentionByRoom()]);
  return {
    periods,
    sessionDays: Math.round(SESSION_LIFETIME_MS / DAY_MS),
    rooms: rooms.map((room) => ({ slug: room.slug, name: room.names[locale] ?? room.names.en ?? room.slug, access: room.access, days: room.retentionDays })),
  };
}

export default function Privacy({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { periods, rooms, sessionDays } = loaderData;
  return (
    <section className="panel privacy">
      <PageTitle>{`${t("privacy.page.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("privacy.page.title")}</h1>
      <p>{t("privacy.page.intro")}</p>

      <h2>{t("privacy.page.never.heading")}</h2>
      <ul>
        <li>{t("privacy.page.never.contact")}</li>
        <li>{t("privacy.page.never.address")}</li>
        <li>{t("privacy.page.never.images")}</li>
        <li>{t("privacy.page.never.secrets")}</li>
        <li>{t("privacy.page.never.trackers")}</li>
        <li>{t("privacy.page.never.searches")}</li>
      </ul>

      <h2>{t("privacy.page.kept.heading")}</h2>
      <p>{t("privacy.page.kept.intro")}</p>
      <Kept id="account" />
      <Kept id="sessions" howLong={t("privacy.page.sessions.howLong", { days: sessionDays })} />
      <Kept id="posts" />
      <Kept id="rejected" howLong={t("privacy.page.rejected.howLong", { days: periods.rejectedPosts })} />
      <Kept
        id="chat"
        howLong={
          <>
            {t("privacy.page.chat.howLong")}
            {rooms.length === 0 ? (
              <> {t("privacy.page.chat.none")}</>
            ) : (
              <ul data-testid="chat-retention">
                {rooms.map((room) => (
                  <li key={room.slug}>
                    {t("privacy.page.chat.room", { room: room.name, days: room.days, who: t(`privacy.page.chat.access.${room.access}`) })}
                  </li>
                ))}
              </ul>
            )}
          </>
        }
      />
      <Kept id="notifications" howLong={t("privacy.page.notifications.howLong", { days: periods.notifications })} />
      <Kept id="reports" howLong={t("privacy.page.reports.howLong", { days: periods.closedReports })} />
      <Kept id="history" />
      <Kept id="own" />
      <Kept id="removals" howLong={t("privacy.page.removals.howLong", { days: periods.mediaRemovals })} />
      <Kept id="audit" howLong={t("privacy.page.audit.howLong", { days: periods.audit })} />
      <Kept id="evidence" />
      <Kept id="cookies" />

      <h2 id="roles">{t("privacy.page.roles.heading")}</h2>
      <ul>
        <li>{t("privacy.page.roles.members")}</li>
        <li>{t("privacy.page.roles.moderators")}</li>
        <li>{t("privacy.page.roles.admins")}</li>
        <li>{t("privacy.page.roles.operators")}</li>
      </ul>

      <h2>{t("privacy.page.more.heading")}</h2>
      <ul>
        <li>{t("privacy.page.more.logs")}</li>
        <li>{t("privacy.page.more.backups")}</li>
        <li>
          {t("privacy.page.more.history")} <Link to="/safety">{t("privacy.page.more.safety")}</Link>
        </li>
      </ul>

      <h2>{t("privacy.page.yours.heading")}</h2>
      <ul>
        <li>
          <Link to="/settings/privacy">{t("privacy.page.yours.export")}</Link>
        </li>
        <li>
          <Link to="/safety#discreet">{t("privacy.page.yours.discreet")}</Link>
        </li>
      </ul>
    </section>
  );
}

type KeptId =
  | "account"
  | "sessions"
  | "posts"
  | "rejected"
  | "chat"
  | "notifications"
  | "reports"
  | "history"
  | "own"
  | "removals"
  | "audit"
  | "evidence"
  | "cookies";

/** One kind of thing Hearth keeps: what it is, how long (the message unless a period is filled
 *  in), and who can see it. */
function Kept({ id, howLong }: { id: KeptId; howLong?: ReactNode }) {
  const t = useT();
  const key = (part: "heading" | "what" | "howLong" | "who") => `privacy.page.${id}.${part}` as MessageKey;
  return (
    <section className="privacy-kept" aria-labelledby={`kept-${id}`} data-testid={`kept-${id}`}>
      <h3 id={`kept-${id}`}>{t(key("heading"))}</h3>
      <p>{t(key("what"))}</p>
      <dl>
        <dt>{t("privacy.page.howLong")}</dt>
        <dd>{howLong ?? t(key("howLong"))}</dd>
        <dt>{t("privacy.page.whoSees")}</dt>
        <dd>{t(key("who"))}</dd>
      </dl>
    </section>
  );
}
