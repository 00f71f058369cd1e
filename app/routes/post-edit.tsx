import { Form, redirect } from "react-router";
import type { Route } from "./+types/post-edit";
import { servicesContext } from "#app/context.ts";
import { Composer } from "#app/components/composer.tsx";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { orNotFound, uuidParam } from "#app/lib/not-found.server.ts";
import { composerValues, previewAnswer, readPostForm } from "#app/lib/post-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, params }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const postId = uuidParam(params.postId);
  const post = await orNotFound(() => context.get(servicesContext).forums.ownPost(visitor.member, postId));
  return { post: { id: post.id, threadId: post.threadId, body: post.bodySource, contentWarning: post.contentWarning ?? "" } };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const postId = uuidParam(params.postId);
  const services = context.get(servicesContext);
  const { form, intent } = await readPostForm(request);
  try {
    if (form.get("action") === "delete") {
      const { threadId, threadGone } = await orNotFound(() => services.forums.deletePost(visitor.member, postId));
      // A waiting thread deleted with its first post is gone: back to the forums.
      return redirect(threadGone ? "/forums" : `/t/${threadId}?notice=post.deleted`);
    }
    if (intent === "preview") return await previewAnswer(services, visitor.member.id, form);
    const saved = await orNotFound(() => services.forums.editPost(visitor.member, postId, form));
    const notices = [saved.pending ? "holds.editWaiting" : "post.saved", ...saved.notices];
    const query = new URLSearchParams(notices.map((n) => ["notice", n]));
    return redirect(`/t/${saved.threadId}?${query}#post-${saved.postId}`);
  } catch (err) {
    return formFailure(err, composerValues(form));
  }
}

export const headers = forwardHeaders;

export default function PostEdit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { post } = loaderData;
  return (
    <section className="panel">
      <PageTitle>{`${t("post.editTitle")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("post.editTitle")}</h1>
      <Composer
        mode="edit"
        values={{ body: post.body, contentWarning: post.contentWarning }}
        state={actionData ?? null}
        previewHtml={actionData && "preview" in actionData ? actionData.preview.html : null}
        previewNotices={actionData && "preview" in actionData ? actionData.preview.notices : []}
      />
      <h2>{t("thread.delete")}</h2>
      <p>{t("post.deleteConfirm")}</p>
      <Form method="post">
        <input type="hidden" name="action" value="delete" />
        <button type="submit" className="secondary">
          {t("thread.delete")}
        </button>
      </Form>
    </section>
  );
}
