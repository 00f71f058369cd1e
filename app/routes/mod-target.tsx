// /mod/posts/:postId and /mod/threads/:threadId: every action on one post or thread, for the
// moderators of its forum (anyone else gets a 404). Linked from the thread page and the queue.
import type { Route } from "./+types/mod-target";
import { servicesContext } from "#app/context.ts";
import type { FormState } from "#app/components/form-parts.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { orNotFound, uuidParam } from "#app/lib/not-found.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { stamp } from "#app/lib/time.ts";
import { moderationAction } from "./mod-act.server.ts";
import { ActionForm, DoneNotice, ModeratedContent, useReasonLabel, type Intent } from "./mod-forms.tsx";
import { ModNav } from "./mod-nav.tsx";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const target = params.postId ? { post: uuidParam(params.postId) } : { thread: uuidParam(params.threadId) };
  const moderation = context.get(servicesContext).moderation;
  const [found, templates] = await Promise.all([orNotFound(() => moderation.target(visitor.member, target)), moderation.reasonTemplates()]);
  const { thread, post } = found;
  return {
    kind: found.kind,
    thread: { id: thread.id, title: thread.title, status: thread.status, locked: thread.locked, pinned: thread.pinned, contentWarning: thread.contentWarning },
    forum: found.forum,
    post: post ? { ...post, created: stamp(post.createdAt, visitor.locale), createdAt: undefined } : null,
    items: found.items.map((i) => ({ ...i, reasons: Array.isArray(i.detail.reasons) ? (i.detail.reasons as unknown[]).map(String) : [] })),
    moveTo: found.moveTo.map((f) => ({ slug: f.slug, name: f.names[visitor.locale] ?? f.names.en ?? f.slug })),
    actsOnMembers: found.actsOnMembers,
    templates,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  return moderationAction(context, request);
}

export const headers = forwardHeaders;

function statusIntents(status: string, waiting: boolean): Intent[] {
  if (waiting) return ["approve", "reject", "warning"];
  if (status === "visible") return ["hide", "remove", "warning"];
  if (status === "hidden") return ["unhide", "remove", "warning"];
  if (status === "removed") return ["restore"];
  if (status === "pending") return ["approve", "warning"];
  return [];
}

export default function ModTarget({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const reasonLabel = useReasonLabel();
  const { thread, post, kind } = loaderData;
  const title = t(kind === "post" ? "mod.postTitle" : "mod.threadTitle");
  const status = kind === "post" ? (post?.status ?? "visible") : thread.status;
  const statusLabel = t(`${kind === "post" ? "queue.postStatus" : "mod.threadStatus"}.${status}` as MessageKey);
  const waiting = kind === "post" && post?.status === "pending";
  const memberIntents: Intent[] = loaderData.actsOnMembers ? ["warn", "suspend", "ban"] : ["warn"];
  return (
    <section className="panel">
      <PageTitle>{`${title} · ${t("site.name")}`}</PageTitle>
      <ModNav />
      <h1>{title}</h1>
      <DoneNotice done={loaderData.done} state={actionData as FormState | undefined} />
      <p className="meta">
        {t("queue.forum", { name: loaderData.forum.names[locale] ?? loaderData.forum.names.en ?? loaderData.forum.slug })} ·{" "}
        {t("queue.thread", { title: thread.title })} · <a href={`/t/${thread.id}`}>{t("mod.viewThread")}</a>
      </p>
      <p>
        {t("mod.status", { status: statusLabel })}
        {thread.locked ? ` · ${t("mod.lockedBadge")}` : null}
        {thread.pinned ? ` · ${t("mod.pinnedBadge")}` : null}
      </p>
      {loaderData.items.length ? (
        <div>
          <h2>{t("queue.itemsHere")}</h2>
          <ul>
            {loaderData.items.map((i) => (
              <li key={i.id}>
                {t(`queue.kind.${i.kind}` as MessageKey)}
                {i.reportCount ? ` · ${t("queue.reports", { count: i.reportCount })}` : null}
                {i.reasons.length ? ` · ${i.reasons.map(reasonLabel).join(", ")}` : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {post ? (
        <div>
          <h2>{t("queue.content")}</h2>
          <p className="meta">
            {post.author ? t("queue.author", { name: post.author }) : t("queue.formerMember")} · <TimeStamp at={post.created} />
          </p>
          <ModeratedContent
            id={post.id}
            html={post.bodyHtml}
            collapsed={Boolean(post.contentWarning || thread.contentWarning) || loaderData.items.some((i) => i.kind === "hold" || i.reasons.includes("image"))}
            contentWarning={post.contentWarning ?? thread.contentWarning}
          />
        </div>
      ) : null}
      <ActionForm
        target={{
          idPrefix: "target",
          postId: kind === "post" ? post?.id : null,
          threadId: thread.id,
          memberId: post?.authorId ?? null,
          templates: loaderData.templates,
        }}
        content={statusIntents(status, waiting)}
        thread={kind === "thread" ? thread : null}
        moveTo={loaderData.moveTo}
        member={post?.authorId && kind === "post" ? memberIntents : []}
        warning={kind === "post" ? (post?.contentWarning ?? null) : thread.contentWarning}
      />
      {post?.authorId && loaderData.actsOnMembers ? (
        <p>
          <a href={`/mod/members/${post.authorId}`}>{t("queue.memberPage")}</a>
        </p>
      ) : null}
    </section>
  );
}
