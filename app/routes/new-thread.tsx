import { redirect } from "react-router";
import type { Route } from "./+types/new-thread";
import { servicesContext } from "#app/context.ts";
import { Composer } from "#app/components/composer.tsx";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";
import { composerValues, previewAnswer, newIdempotencyKey, readPostForm } from "#app/lib/post-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, params }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const page = await orNotFound(() => context.get(servicesContext).forums.forumPage(visitor.member, params.forumSlug, 1));
  return { forum: { slug: page.forum.slug, names: page.forum.names }, idempotencyKey: newIdempotencyKey() };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const { form, upload, intent } = await readPostForm(request);
  const forums = context.get(servicesContext).forums;
  try {
    if (intent === "preview") return await previewAnswer(context.get(servicesContext), visitor.member.id, form);
    const posted = await orNotFound(() => forums.createThread(visitor.member, params.forumSlug, form, upload));
    const notices = [...(posted.pending ? ["holds.waiting"] : []), ...posted.notices];
    const query = new URLSearchParams(notices.map((n) => ["notice", n]));
    return redirect(`/t/${posted.threadId}${notices.length ? `?${query}` : ""}`);
  } catch (err) {
    return formFailure(err, composerValues(form));
  }
}

export const headers = forwardHeaders;

export default function NewThread({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const name = loaderData.forum.names[locale] ?? loaderData.forum.names.en;
  return (
    <section className="panel">
      <PageTitle>{`${t("forum.newThread")} · ${name} · ${t("site.name")}`}</PageTitle>
      <h1>{t("forum.newThread")}</h1>
      <p>{name}</p>
      <Composer
        mode="thread"
        idempotencyKey={loaderData.idempotencyKey}
        state={actionData ?? null}
        previewHtml={actionData && "preview" in actionData ? actionData.preview.html : null}
        previewNotices={actionData && "preview" in actionData ? actionData.preview.notices : []}
      />
    </section>
  );
}
