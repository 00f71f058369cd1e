// /chat: the rooms this member may enter (the service leaves out the others: a members-only
// room during probation, the moderators' room for members).
import { Link } from "react-router";
import type { Route } from "./+types/chat";
import { servicesContext } from "#app/context.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import chatStyles from "../styles/chat.css?url";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const rooms = await context.get(servicesContext).chat.rooms(visitor.member);
  return { rooms };
}

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: chatStyles }];

const ACCESS: Record<string, MessageKey | null> = { everyone: null, members: "chat.ui.access.members", moderators: "chat.ui.access.moderators" };

export default function Chat({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel">
      <PageTitle>{`${t("chat.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("chat.title")}</h1>
      <p>{t("chat.ui.intro")}</p>
      {loaderData.rooms.length === 0 ? <p>{t("chat.ui.noRooms")}</p> : null}
      <ul className="forum-list chat-rooms">
        {loaderData.rooms.map((room) => {
          const access = ACCESS[room.access];
          return (
            <li key={room.slug}>
              <h2>
                <Link to={`/chat/${room.slug}`}>{room.names[locale] ?? room.names.en ?? room.slug}</Link>
              </h2>
              <p>{room.descriptions[locale] ?? room.descriptions.en}</p>
              {access || room.locked ? (
                <p className="meta">
                  {access ? t(access) : null}
                  {access && room.locked ? " · " : null}
                  {room.locked ? t("chat.ui.lockedTag") : null}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
