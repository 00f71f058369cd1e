// /mod: the moderators' queue. Filters are a GET form (forum, kind), pages are ?page=; every item
// carries its own action form. Content reported as sexual, held, or under a content warning is
// closed until the moderator opens it. With JavaScript, the queue follows new items (LiveQueue).
import { Form } from "react-router";
import type { Route } from "./+types/mod";
import { servicesContext } from "#app/context.ts";
import type { FormState } from "#app/components/form-parts.tsx";
import { LiveQueue } from "#app/components/live/live-queue.tsx";
import { Pager } from "#app/components/pager.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { orNotFound, pageParam } from "#app/lib/not-found.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { stamp } from "#app/lib/time.ts";
import { chatMessageId } from "#app/contracts/chat.ts";
import { QUEUE_KINDS } from "#server/moderation/queue-page.ts";
import { moderationAction } from "./mod-act.server.ts";
import { ActionForm, DoneNotice, ModeratedContent, useReasonLabel, type Intent } from "./mod-forms.tsx";
import { ModNav } from "./mod-nav.tsx";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const url = new URL(request.url);
  const filter = { forum: url.searchParams.get("forum") || null, kind: url.searchParams.get("kind") || null, page: pageParam(request) };
  const moderation = context.get(servicesContext).moderation;
  const queue = await orNotFound(() => moderation.queue(visitor.member, filter));
  const templates = queue.templates;
  const actsOnMembers = queue.seesForumless;
  return {
    filter: { forum: filter.forum ?? "", kind: filter.kind ?? "" },
    kinds: QUEUE_KINDS,
    forums: queue.forums,
    total: queue.total,
    page: queue.page,
    pages: queue.pages,
    templates,
    actsOnMembers,
    done: url.searchParams.get("done"),
    items: queue.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      reasons: Array.isArray(item.detail.reasons) ? (item.detail.reasons as unknown[]).map(String) : [],
      reportCount: item.reportCount,
      reporters: item.reporters ?? [],
      forum: item.forum?.slug ? item.forum : null,
      thread: item.thread?.title ? item.thread : null,
      threadId: item.threadId,
      postId: item.postId,
      memberId: item.memberId,
      appealId: item.appealId,
      appealNote: item.appealNote,
      message: item.message ? { ...item.message, id: chatMessageId(item.message.seq), created: stamp(new Date(item.message.createdAt), visitor.locale) } : null,
      member: item.member?.pseudonym ? item.member : null,
      opened: stamp(item.openedAt, visitor.locale),
      content: item.content,
      collapsed: item.collapsed,
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  return moderationAction(context, request);
}

export const headers = forwardHeaders;

type Item = Route.ComponentProps["loaderData"]["items"][number];

export default function Mod({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { filter } = loaderData;
  const query = new URLSearchParams();
  if (filter.forum) query.set("forum", filter.forum);
  if (filter.kind) query.set("kind", filter.kind);
  const base = `/mod${query.size ? `?${query}` : ""}`;
  return (
    <section className="panel">
      <PageTitle>{`${t("queue.title")} · ${t("site.name")}`}</PageTitle>
      <ModNav />
      <h1>{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      <DoneNotice done={loaderData.done} state={actionData as FormState | undefined} />
      <LiveQueue />
      <Form method="get" className="queue-filter">
        <fieldset>
          <legend>{t("queue.filter")}</legend>
          <label htmlFor="filter-forum">{t("queue.filterForum")}</label>{" "}
          <select id="filter-forum" name="forum" defaultValue={filter.forum}>
            <option value="">{t("queue.all")}</option>
            {loaderData.forums.map((f) => (
              <option key={f.slug} value={f.slug}>
                {f.names[locale] ?? f.names.en}
              </option>
            ))}
          </select>{" "}
          <label htmlFor="filter-kind">{t("queue.filterKind")}</label>{" "}
          <select id="filter-kind" name="kind" defaultValue={filter.kind}>
            <option value="">{t("queue.all")}</option>
            {loaderData.kinds.map((k) => (
              <option key={k} value={k}>
                {t(`queue.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>{" "}
          <button type="submit">{t("queue.apply")}</button>
        </fieldset>
      </Form>
      <p>{t("queue.count", { count: loaderData.total })}</p>
      {loaderData.items.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <ol className="queue">
          {loaderData.items.map((item) => (
            <QueueItem key={item.id} item={item} templates={loaderData.templates} actsOnMembers={loaderData.actsOnMembers} />
          ))}
        </ol>
      )}
      <Pager page={loaderData.page} pages={loaderData.pages} base={base} />
    </section>
  );
}

function contentIntents(item: Item): Intent[] {
  if (item.message) {
    const intents: Intent[] = item.kind === "report" || item.kind === "flag" ? ["dismiss"] : [];
    return item.message.status === "visible" ? [...intents, "removeMessage"] : intents;
  }
  const status = item.postId ? item.content?.status : item.thread?.status;
  if (item.kind === "pending" || item.kind === "hold") return ["approve", "reject", "warning"];
  const intents: Intent[] = [];
  if (item.kind === "report" || item.kind === "flag") intents.push("dismiss");
  if (status === "visible") intents.push("hide", "remove", "warning");
  else if (status === "hidden") intents.push("unhide", "remove");
  else if (status === "removed") intents.push("restore");
  return intents;
}

function memberIntents(item: Item, actsOnMembers: boolean): Intent[] {
  if (item.member?.role !== "member") return [];
  const intents: Intent[] = ["warn"];
  if (!actsOnMembers) return item.postId ? intents : [];
  // On an item about a post or a thread, suspending or banning its author is on the member's
  // page (linked below the item): the queue stays light to read, and to serve.
  if (item.kind !== "repeat_image" && (item.postId || item.threadId)) return intents;
  if (item.kind === "repeat_image" || item.member.postingPausedAt) intents.push("resume");
  if (item.member.status === "banned" || item.member.status === "suspended") intents.push("unban");
  if (item.member.status !== "banned") intents.push("suspend", "ban");
  return intents;
}

function QueueItem({ item, templates, actsOnMembers }: { item: Item; templates: string[]; actsOnMembers: boolean }) {
  const t = useT();
  const locale = useLocale();
  const reasonLabel = useReasonLabel();
  const headingId = `item-${item.id}`;
  return (
    <li className="queue-item" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`queue.kind.${item.kind}` as MessageKey)}
        {item.reportCount > 0 ? ` · ${t("queue.reports", { count: item.reportCount })}` : null}
      </h2>
      {item.reasons.length ? <p>{t("queue.reasons", { reasons: item.reasons.map(reasonLabel).join(", ") })}</p> : null}
      <p className="meta">
        {item.message
          ? t("queue.room", { name: item.message.roomNames[locale] ?? item.message.roomNames.en ?? item.message.room })
          : item.forum
            ? t("queue.forum", { name: item.forum.names[locale] ?? item.forum.names.en ?? item.forum.slug })
            : t("queue.noForum")}
        {item.thread ? (
          <>
            {" · "}
            <a href={`/mod/threads/${item.threadId}`}>{t("queue.thread", { title: item.thread.title })}</a>
          </>
        ) : null}
        {item.member ? ` · ${t("queue.author", { name: item.member.pseudonym })}` : null} · {t("queue.opened")} <TimeStamp at={item.opened} />
      </p>
      {item.reporters.length ? (
        <div className="reporters">
          <p>{t("queue.reportedBy")}</p>
          <ul>
            {item.reporters.map((r, i) => (
              <li key={i}>
                {r.pseudonym ?? t("queue.formerMember")} — {reasonLabel(r.reason)}
                {r.note ? `: ${r.note}` : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {item.message ? <QueuedMessage item={item} message={item.message} /> : null}
      {item.content ? (
        <ModeratedContent id={item.id} html={item.content.bodyHtml} collapsed={item.collapsed} contentWarning={item.content.contentWarning} />
      ) : item.postId || item.threadId ? (
        <p>{t("queue.noContent")}</p>
      ) : null}
      {item.kind === "repeat_image" ? <p>{t("queue.repeatImage")}</p> : null}
      {item.kind === "appeal" && item.appealId ? (
        <p>
          {item.appealNote ? <q>{item.appealNote}</q> : null} <a href={`/mod/appeals/${item.appealId}`}>{t("queue.openAppeal")}</a>
        </p>
      ) : null}
      {item.kind === "approval" && item.memberId ? (
        <div>
          <p>{t("queue.approvalIntro")}</p>
          <Form method="post" action={`/mod/approvals/${item.memberId}`} className="inline">
            <button type="submit" name="decision" value="approve">
              {t("queue.approve")}
            </button>{" "}
            <button type="submit" name="decision" value="decline">
              {t("queue.decline")}
            </button>
          </Form>
        </div>
      ) : null}
      {item.kind === "approval" || item.kind === "appeal" ? null : (
        <ActionForm
          target={{
            idPrefix: item.id,
            postId: item.postId,
            threadId: item.threadId,
            memberId: item.memberId,
            itemId: item.id,
            message: item.message ? { room: item.message.room, id: item.message.id } : null,
            templates,
          }}
          content={item.postId || item.threadId || item.message ? contentIntents(item) : item.kind === "report" ? ["dismiss"] : []}
          member={memberIntents(item, actsOnMembers)}
          thread={!item.postId && item.thread ? item.thread : null}
          warning={item.content?.contentWarning ?? null}
        />
      )}
      <p className="meta">
        {item.postId ? <a href={`/mod/posts/${item.postId}`}>{t("queue.postPage")}</a> : null}
        {item.postId && item.memberId && actsOnMembers ? " · " : null}
        {item.memberId && actsOnMembers ? <a href={`/mod/members/${item.memberId}`}>{t("queue.memberPage")}</a> : null}
      </p>
    </li>
  );
}

/** A chat message as the room showed it: plain text, escaped by React. */
function QueuedMessage({ item, message }: { item: Item; message: NonNullable<Item["message"]> }) {
  const t = useT();
  const body = (
    <blockquote className="post-body chat-message" id={`mod-message-${item.id}`}>
      <p>{message.body}</p>
    </blockquote>
  );
  return (
    <div>
      <p className="meta">
        {t("queue.kindMessage")} · <TimeStamp at={message.created} />
      </p>
      {message.status !== "visible" ? <p>{t("queue.messageRemoved")}</p> : null}
      {item.collapsed ? (
        <details className="mod-collapsed">
          <summary>{t("queue.showContent")}</summary>
          {body}
        </details>
      ) : (
        body
      )}
    </div>
  );
}
