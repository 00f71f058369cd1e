// /mod/members/:memberId: one member as moderators of every forum and admins see them — recent
// posts, reports about them, actions taken, what they were told, private notes (add one here),
// the media guard's removal counts and whether posting is paused. Never an address.
import { Form } from "react-router";
import type { Route } from "./+types/mod-member";
import { servicesContext } from "#app/context.ts";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import { TimeStamp } from "#app/components/time-stamp.tsx";
import { isMessageKey, type MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { orNotFound, uuidParam } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { stamp } from "#app/lib/time.ts";
import { MEMBER_NOTE_MAX } from "#app/contracts/reports.ts";
import { redirect } from "react-router";
import { moderationAction } from "./mod-act.server.ts";
import { ActionForm, DoneNotice, useReasonLabel, type Intent } from "./mod-forms.tsx";
import { ModNav } from "./mod-nav.tsx";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const memberId = uuidParam(params.memberId);
  const moderation = context.get(servicesContext).moderation;
  const [page, templates] = await Promise.all([orNotFound(() => moderation.member(visitor.member, memberId)), moderation.reasonTemplates()]);
  const at = (d: Date | null) => (d ? stamp(d, visitor.locale) : null);
  const { member } = page;
  return {
    member: {
      ...member,
      suspendedUntil: at(member.suspendedUntil),
      createdAt: at(member.createdAt),
      paused: Boolean(member.postingPausedAt),
      postingPausedAt: null,
    },
    posts: page.recentPosts.map((p) => ({ ...p, createdAt: at(p.createdAt) })),
    reports: page.reportsAbout.map((r) => ({ ...r, createdAt: at(r.createdAt), resolvedAt: undefined, resolved: Boolean(r.resolvedAt) })),
    actions: page.actions.map((a) => ({ ...a, at: at(a.at) })),
    events: page.events.map((e) => ({ ...e, createdAt: at(e.createdAt), until: at(e.until) })),
    notes: page.notes.map((n) => ({ ...n, createdAt: at(n.createdAt) })),
    templates,
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const memberId = uuidParam(params.memberId);
  if (new URL(request.url).searchParams.get("note") === null) return moderationAction(context, request);
  const form = await readForm(request);
  try {
    await orNotFound(() => context.get(servicesContext).moderation.addNote(visitor.member, memberId, form));
    return redirect(`/mod/members/${memberId}?done=note`, 303);
  } catch (err) {
    return formFailure(err, {});
  }
}

export const headers = forwardHeaders;

export default function ModMember({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const reasonLabel = useReasonLabel();
  const { member } = loaderData;
  const state = actionData as FormState | undefined;
  const actionLabel = (action: string) => (isMessageKey(`audit.action.${action}`) ? t(`audit.action.${action}` as MessageKey) : action);
  const intents: Intent[] = ["warn"];
  if (member.paused) intents.push("resume");
  if (member.status === "suspended" || member.status === "banned") intents.push("unban");
  if (member.status !== "banned") intents.push("suspend", "ban");
  return (
    <section className="panel">
      <PageTitle>{`${t("member.title", { name: member.pseudonym })} · ${t("site.name")}`}</PageTitle>
      <ModNav />
      <h1>{t("member.title", { name: member.pseudonym })}</h1>
      {loaderData.done === "note" ? (
        <p role="status" className="notice">
          {t("member.noteSaved")}
        </p>
      ) : (
        <DoneNotice done={loaderData.done} />
      )}
      <ErrorSummary state={state} />
      <ul>
        <li>{t("member.role", { role: t(`member.role.${member.role}` as MessageKey) })}</li>
        <li>
          {t("member.statusLine", { status: t(`member.status.${member.status}` as MessageKey) })}
          {member.suspendedUntil ? (
            <>
              {" · "}
              {t("member.suspendedUntil")} <time dateTime={member.suspendedUntil.iso}>{member.suspendedUntil.exact}</time>
            </>
          ) : null}
        </li>
        <li>
          {t("member.joined")} <TimeStamp at={member.createdAt} />
        </li>
        <li>{t("member.approvedPosts", { count: member.approvedPosts })}</li>
        <li>{member.paused ? t("member.paused") : t("member.notPaused")}</li>
        <li>{t("member.removals", { day: member.removals.day, month: member.removals.month, all: member.removals.all })}</li>
        <li>{t("member.noAddress")}</li>
      </ul>
      {member.role === "member" ? <ActionForm target={{ idPrefix: "member", memberId: member.id, templates: loaderData.templates }} member={intents} /> : null}
      <h2>{t("member.posts")}</h2>
      {loaderData.posts.length ? (
        <ul>
          {loaderData.posts.map((p) => (
            <li key={p.id}>
              <a href={`/mod/posts/${p.id}`}>{p.title}</a> · {t(`queue.postStatus.${p.status}` as MessageKey)} · <TimeStamp at={p.createdAt} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("member.noPosts")}</p>
      )}
      <h2>{t("member.reports")}</h2>
      {loaderData.reports.length ? (
        <ul>
          {loaderData.reports.map((r) => (
            <li key={r.id}>
              {t("member.reportLine", { reason: reasonLabel(r.reason), reporter: r.reporter ?? t("queue.formerMember") })}
              {r.note ? `: ${r.note}` : null} · {r.resolved ? t("member.resolved") : t("member.open")} · <TimeStamp at={r.createdAt} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("member.noReports")}</p>
      )}
      <h2>{t("member.actions")}</h2>
      {loaderData.actions.length ? (
        <ul>
          {loaderData.actions.map((a) => (
            <li key={a.id}>
              {a.actorKind === "member" ? (a.actor ?? t("audit.formerMember")) : t(a.actorKind === "operator" ? "audit.operator" : "audit.system")}:{" "}
              {actionLabel(a.action)}
              {a.reason ? ` — ${a.reason}` : null} · <TimeStamp at={a.at} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("member.noActions")}</p>
      )}
      <h2>{t("member.events")}</h2>
      {loaderData.events.length ? (
        <ul>
          {loaderData.events.map((e) => (
            <li key={e.id}>
              {t(`member.event.${e.kind}` as MessageKey)}
              {e.reason ? ` — ${e.reason}` : null} · <TimeStamp at={e.createdAt} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("member.noActions")}</p>
      )}
      <h2>{t("member.notes")}</h2>
      <p>{t("member.notesIntro")}</p>
      {loaderData.notes.length ? (
        <ul>
          {loaderData.notes.map((n) => (
            <li key={n.id}>
              <p>{n.body}</p>
              <p className="meta">
                {n.author ?? t("audit.formerMember")} · <TimeStamp at={n.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("member.noNotes")}</p>
      )}
      <Form method="post" action={`/mod/members/${member.id}?note`}>
        <div className="field">
          <label htmlFor="note">{t("member.note")}</label>
          <textarea id="note" name="note" rows={3} maxLength={MEMBER_NOTE_MAX} required />
        </div>
        <button type="submit">{t("member.saveNote")}</button>
      </Form>
    </section>
  );
}
