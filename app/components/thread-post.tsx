// One post of a thread page: author, time, markers, its body (collapsed behind its content
// warning, or behind "blocked" for a member the reader blocks) and the reader's actions. The
// same component renders the posts the loader read and those pushed live (components/live/),
// so a live post looks exactly like a rendered one.
import { Form } from "react-router";
import { ContentWarning } from "#app/components/content-warning.tsx";
import { StoredHtml } from "#app/components/stored-html.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import { useT } from "#app/i18n/use-t.ts";

export interface PostView {
  id: string;
  author: string | null;
  mine: boolean;
  /** Null in a document response: StoredHtml takes it from the page (stored-html.tsx). */
  bodyHtml: string | null;
  contentWarning: string | null;
  status: "visible" | "pending" | "hidden" | "removed" | "deleted";
  blocked: boolean;
  attachments: Array<{ id: string; name: string; size: number }>;
  created: { relative: string; exact: string; iso: string } | null;
  edited: boolean;
  /** Taken out of view since the page loaded (live: removed, hidden, deleted, or held again). */
  gone?: boolean;
}

export interface PostContext {
  signedIn: boolean;
  moderates: boolean;
  openWarnings: boolean;
}

export const postBodyId = (postId: string) => `post-body-${postId}`;

export function ThreadPost({ post, context }: { post: PostView; context: PostContext }) {
  const t = useT();
  const out = post.status === "deleted" || post.gone === true;
  return (
    <li id={`post-${post.id}`} className="post">
      <header className="meta">
        <strong>{post.author ?? t("thread.formerMember")}</strong> · <TimeStamp at={post.created} />
        {post.edited && !out ? ` · ${t("thread.edited")}` : null}
        {post.status === "pending" && !out ? ` · ${t("thread.pending")}` : null}
      </header>
      {post.gone ? (
        <p className="deleted">{t("live.postGone")}</p>
      ) : post.status === "deleted" ? (
        <p className="deleted">{t("thread.deletedByAuthor")}</p>
      ) : post.blocked ? (
        <details className="blocked">
          <summary>{t("thread.blockedCollapsed")}</summary>
          <PostBody post={post} open={context.openWarnings} />
        </details>
      ) : (
        <PostBody post={post} open={context.openWarnings} />
      )}
      {!out && context.signedIn ? <PostActions post={post} moderates={context.moderates} /> : null}
    </li>
  );
}

function PostActions({ post, moderates }: { post: PostView; moderates: boolean }) {
  const t = useT();
  return (
    <footer className="post-actions">
      <a href="#reply">{t("thread.reply")}</a>
      {/* Plain links: a router <Link> resolves its path on every render, 25 times a page. */}
      {post.mine ? <a href={`/p/${post.id}/edit`}>{t("thread.edit")}</a> : <a href={`/p/${post.id}/report`}>{t("thread.report")}</a>}
      {!post.mine && post.author ? <a href={`/members/${encodeURIComponent(post.author)}/report`}>{t("reports.reportMember", { name: post.author })}</a> : null}
      {moderates ? <a href={`/mod/posts/${post.id}`}>{t("mod.moderatePost")}</a> : null}
      {!post.mine && post.author ? (
        <Form method="post" className="inline">
          <input type="hidden" name="action" value={post.blocked ? "unblock" : "block"} />
          <input type="hidden" name="pseudonym" value={post.author} />
          <button type="submit" className="link-button">
            {t(post.blocked ? "thread.unblock" : "thread.block", { name: post.author })}
          </button>
        </Form>
      ) : null}
    </footer>
  );
}

function PostBody({ post, open }: { post: PostView; open: boolean }) {
  const t = useT();
  return (
    <ContentWarning label={post.contentWarning} open={open}>
      {/* Stored HTML was made by the media guard's renderer at write time (sanitised, allow-listed). */}
      <StoredHtml id={postBodyId(post.id)} className="post-body" html={post.bodyHtml} />
      {post.attachments.map((a) => (
        <p key={a.id} className="attachment">
          <a href={`/attachments/${a.id}`}>{t("thread.attachment", { name: a.name, size: `${Math.ceil(a.size / 1024)} KB` })}</a>
        </p>
      ))}
    </ContentWarning>
  );
}
