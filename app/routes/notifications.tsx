import { Form, Link } from "react-router";
import type { Route } from "./+types/notifications";
import { servicesContext } from "#app/context.ts";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import { eventNotice, outcomeNotice } from "#app/i18n/history.notices.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { stamp } from "#app/lib/time.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const items = await context.get(servicesContext).notifications.list(visitor.member);
  // Discreet mode (docs/safety.md): only that something happened, and when. Who, where and what
  // never leave the server, so they are not in the page's data either.
  const discreet = visitor.discreet;
  return {
    discreet,
    items: items.map((n) => {
      const event = n.kind === "moderation" && n.event ? { ...n.event, until: n.event.until?.toISOString() ?? null } : null;
      // Moderation notices are written here, in the reader's language; the page only shows them.
      const moderation =
        event && !discreet ? (n.outcome ? outcomeNotice(visitor.locale, event, n.outcome, n.response) : eventNotice(visitor.locale, event)) : null;
      return {
        id: n.id,
        kind: event ? ("moderation" as const) : n.threadId ? ("mention" as const) : ("gone" as const),
        actor: discreet ? null : n.actor,
        postId: n.postId,
        threadId: n.threadId,
        threadTitle: discreet ? null : n.threadTitle,
        moderation,
        read: Boolean(n.read),
        created: stamp(n.createdAt, visitor.locale),
      };
    }),
  };
}

export async function action({ context }: Route.ActionArgs) {
  const visitor = requireMember(context);
  await context.get(servicesContext).notifications.markAllRead(visitor.member);
  return { ok: true };
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="panel">
      <PageTitle>{`${t("notifications.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("notifications.title")}</h1>
      {loaderData.items.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ul className="notifications">
        {loaderData.items.map((n) => (
          <li key={n.id} className={n.read ? undefined : "unread"}>
            {n.kind === "moderation" ? (
              <Link to="/settings/moderation">{loaderData.discreet ? t("privacy.discreet.newActivity") : n.moderation}</Link>
            ) : n.kind === "mention" ? (
              <Link to={`/t/${n.threadId}?page=last#post-${n.postId}`}>
                {loaderData.discreet
                  ? t("privacy.discreet.newActivity")
                  : t("notifications.mention", { name: n.actor ?? t("thread.formerMember"), thread: n.threadTitle ?? "" })}
              </Link>
            ) : loaderData.discreet ? (
              t("privacy.discreet.newActivity")
            ) : (
              t("notifications.mentionGone")
            )}{" "}
            · <TimeStamp at={n.created} />
          </li>
        ))}
      </ul>
      {loaderData.items.some((n) => !n.read) ? (
        <Form method="post">
          <button type="submit">{t("notifications.markRead")}</button>
        </Form>
      ) : null}
    </section>
  );
}
