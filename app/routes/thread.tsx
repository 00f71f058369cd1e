import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/thread";
import { servicesContext, storedHtmlContext, visitorContext } from "#app/context.ts";
import { Composer } from "#app/components/composer.tsx";
import { ContentWarning } from "#app/components/content-warning.tsx";
import { ThreadPosts } from "#app/components/live/thread-posts.tsx";
import { Pager } from "#app/components/pager.tsx";
import { postBodyId, type PostView } from "#app/components/thread-post.tsx";
import { isMessageKey, type MessageKey } from "#app/i18n/catalog.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { orNotFound, pageParam } from "#app/lib/not-found.server.ts";
import { composerValues, previewAnswer, newIdempotencyKey, readPostForm } from "#app/lib/post-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { stamp } from "#app/lib/time.ts";
import { can } from "#server/authz/policy.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  const url = new URL(request.url);
  const page = url.searchParams.get("page") === "last" ? "last" : pageParam(request);
  const services = context.get(servicesContext);
  // Whom the reader blocks, for posts that arrive live (components/live/): collapsed as here.
  const [result, blocked] = await Promise.all([
    orNotFound(() => services.forums.threadPage(visitor.member, params.threadId, page)),
    visitor.member ? services.blocks.blockedPseudonyms(visitor.member.id) : [],
  ]);
  const notices = url.searchParams.getAll("notice").filter(shownNotice).slice(0, 3);
  // In a document response the stored HTML goes into the page only, not into the hydration data.
  const pageHtml = context.get(storedHtmlContext);
  const bodyHtml = (postId: string, html: string) => {
    if (!pageHtml) return html;
    pageHtml.set(postBodyId(postId), html);
    return null;
  };
  return {
    thread: { id: result.thread.id, title: result.thread.title, contentWarning: result.thread.contentWarning, waiting: result.thread.status === "pending" },
    // Moderation: a locked thread shows no reply form; its forum's moderators get their links.
    moderation: {
      locked: result.thread.locked,
      pinned: result.thread.pinned,
      moderates: can(visitor.member, "mod.content", result.thread.forumId),
    },
    forum: result.forum,
    posts: result.posts.map(
      (p): PostView => ({
        id: p.id,
        author: p.author,
        mine: visitor.member?.id === p.authorId,
        bodyHtml: bodyHtml(p.id, p.bodyHtml),
        contentWarning: p.contentWarning,
        status: p.status,
        blocked: p.blocked,
        attachments: p.attachments,
        created: stamp(p.createdAt, visitor.locale),
        edited: Boolean(p.editedAt) && p.status !== "deleted",
      }),
    ),
    page: result.page,
    pages: result.pages,
    signedIn: Boolean(visitor.member),
    me: visitor.member?.pseudonym ?? null,
    blocked,
    openWarnings: visitor.openContentWarnings,
    idempotencyKey: newIdempotencyKey(),
    notices,
  };
}

/** Notices a redirect may ask this page to show (never arbitrary keys from the address). */
function shownNotice(notice: string): notice is MessageKey {
  return isMessageKey(notice) && /^(?:media|post|thread|holds)\./.test(notice);
}

/** Where a reply or an edit lands, with what the member is told. */
function postedLocation(threadId: string, postId: string, notices: readonly string[]) {
  const query = new URLSearchParams([["page", "last"], ...notices.map((n) => ["notice", n] as [string, string])]);
  return `/t/${threadId}?${query}#post-${postId}`;
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const { form, upload, intent } = await readPostForm(request);
  const services = context.get(servicesContext);
  const action = form.get("action");
  try {
    if (action === "block" || action === "unblock") {
      const name = String(form.get("pseudonym") ?? "");
      await orNotFound(() => services.blocks[action](visitor.member, name));
      return data({ ok: true as const, notice: action === "block" ? ("thread.blocked" as const) : ("thread.unblocked" as const), name });
    }
    if (intent === "preview") return await previewAnswer(services, visitor.member.id, form);
    const posted = await orNotFound(() => services.forums.reply(visitor.member, params.threadId, form, upload));
    const notices = [...(posted.pending ? ["holds.waiting"] : []), ...posted.notices];
    return redirect(postedLocation(params.threadId, posted.postId, notices.length ? notices : ["post.replied"]));
  } catch (err) {
    return formFailure(err, composerValues(form));
  }
}

export const headers = forwardHeaders;

export default function Thread({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { thread, forum } = loaderData;
  const blockNotice = actionData && "notice" in actionData ? actionData : null;
  const composerState = actionData && "fieldErrors" in actionData ? actionData : null;
  return (
    <article className="panel">
      <PageTitle>{`${thread.title} · ${t("site.name")}`}</PageTitle>
      <p className="breadcrumb">
        <Link to={`/f/${forum.slug}`}>{forum.names[locale] ?? forum.names.en}</Link>
      </p>
      <h1>{thread.title}</h1>
      <ThreadModeration thread={thread.id} signedIn={loaderData.signedIn} {...loaderData.moderation} />
      {loaderData.notices.map((notice) => (
        <p key={notice} role="status" className={notice.startsWith("media.") ? "notice-image" : "notice"}>
          {t(notice)}
        </p>
      ))}
      {thread.waiting ? <p className="notice">{t("holds.threadWaiting")}</p> : null}
      {blockNotice ? (
        <p role="status" className="notice">
          {t(blockNotice.notice, { name: blockNotice.name })}
        </p>
      ) : null}
      <ContentWarning label={thread.contentWarning} open={loaderData.openWarnings}>
        <ThreadPosts
          key={`${thread.id}:${loaderData.page}`}
          threadId={thread.id}
          posts={loaderData.posts}
          lastPage={loaderData.page === loaderData.pages}
          me={loaderData.me}
          blocked={loaderData.blocked}
          context={{ signedIn: loaderData.signedIn, moderates: loaderData.moderation.moderates, openWarnings: loaderData.openWarnings }}
        />
      </ContentWarning>
      <Pager page={loaderData.page} pages={loaderData.pages} base={`/t/${thread.id}`} />
      <section id="reply" className="reply">
        <h2>{t("thread.replyTitle")}</h2>
        {thread.waiting ? (
          <p>{t("holds.noReplyWhileWaiting")}</p>
        ) : loaderData.moderation.locked && !loaderData.moderation.moderates ? (
          <p className="notice">{t("mod.locked")}</p>
        ) : loaderData.signedIn ? (
          <Composer
            mode="reply"
            idempotencyKey={loaderData.idempotencyKey}
            state={composerState}
            previewHtml={composerState && "preview" in composerState ? composerState.preview.html : null}
            previewNotices={composerState && "preview" in composerState ? composerState.preview.notices : []}
          />
        ) : (
          <p>
            <Link to="/login">{t("thread.signInToReply")}</Link>
          </p>
        )}
      </section>
    </article>
  );
}

/** Locked and pinned markers, "report this thread", and the moderation page for its moderators. */
function ThreadModeration(props: { thread: string; signedIn: boolean; locked: boolean; pinned: boolean; moderates: boolean }) {
  const t = useT();
  return (
    <p className="meta">
      {props.pinned ? <span>{t("mod.pinnedBadge")} · </span> : null}
      {props.locked ? <span>{t("mod.lockedBadge")} · </span> : null}
      {props.signedIn ? <a href={`/t/${props.thread}/report`}>{t("reports.reportThread")}</a> : null}
      {props.moderates ? (
        <>
          {" · "}
          <a href={`/mod/threads/${props.thread}`}>{t("mod.moderateThread")}</a>
        </>
      ) : null}
    </p>
  );
}
