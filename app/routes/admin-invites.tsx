// /admin/invites: invitation codes for registration by invitation. A new code is shown once, on
// the response that made it; the list shows labels and states, never a code. Revoking is audited.
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/admin-invites";
import { servicesContext } from "#app/context.ts";
import { ErrorSummary, Field, type FormState } from "#app/components/form-parts.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure, keepValues } from "#app/lib/form-result.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { orNotFound } from "#app/lib/not-found.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { isForbidden } from "#server/errors.ts";
import { PageTitle } from "#app/components/page-title.tsx";

function forbiddenAs403(err: unknown): never {
  if (isForbidden(err)) throw httpError(403);
  throw err;
}

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const invites = await context.get(servicesContext).admission.listInvites(visitor.member).catch(forbiddenAs403);
  return { invites: invites.map((i) => ({ id: i.id, label: i.label, state: i.state, createdAt: i.createdAt.toISOString() })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const admission = context.get(servicesContext).admission;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "revoke") {
      // Admins only first (403), then the invite itself (404 for an id that is not one).
      await admission.listInvites(visitor.member).catch(forbiddenAs403);
      await orNotFound(() => admission.revokeInvite(visitor.member, String(form.get("id") ?? "")));
      return data({ ok: true as const, intent, code: null });
    }
    const made = await admission.createInvite(visitor.member, String(form.get("label") ?? "")).catch(forbiddenAs403);
    // The only time the code exists in clear: this response, which is never cached (no-store).
    return data({ ok: true as const, intent: "create", code: made.code });
  } catch (err) {
    return formFailure(err, keepValues(form, ["label"]));
  }
}

export const headers = forwardHeaders;

export default function AdminInvites({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const formatter = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const state = actionData && !actionData.ok ? (actionData as FormState) : null;
  return (
    <section className="panel">
      <PageTitle>{`${t("admission.invites.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("admission.invites.title")}</h1>
      <p>
        <Link to="/admin">{t("admission.admin.back")}</Link>
      </p>
      <p>{t("admission.invites.intro")}</p>
      {actionData?.ok && actionData.code ? (
        <div className="notice" role="status">
          <h2>{t("admission.invites.codeTitle")}</h2>
          <p>
            <code className="invite-code">{actionData.code}</code>
          </p>
          <p>{t("admission.invites.codeOnce")}</p>
        </div>
      ) : null}
      {actionData?.ok && actionData.intent === "revoke" ? (
        <p role="status" className="notice">
          {t("admission.invites.revoked")}
        </p>
      ) : null}
      <ErrorSummary state={state} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        <Field name="label" label="admission.invites.label" hint="admission.invites.labelHint" autoComplete="off" required={false} state={state} />
        <button type="submit">{t("admission.invites.create")}</button>
      </Form>

      <h2>{t("admission.invites.list")}</h2>
      {loaderData.invites.length === 0 ? (
        <p>{t("admission.invites.none")}</p>
      ) : (
        <table className="invites">
          <thead>
            <tr>
              <th scope="col">{t("admission.invites.label")}</th>
              <th scope="col">{t("admission.invites.created")}</th>
              <th scope="col">{t("admission.invites.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admission.invites.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaderData.invites.map((invite) => (
              <tr key={invite.id}>
                <td>{invite.label ?? t("admission.invites.noLabel")}</td>
                <td>{formatter.format(new Date(invite.createdAt))}</td>
                <td>{t(`admission.invites.state.${invite.state}` as MessageKey)}</td>
                <td>
                  {invite.state === "open" ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={invite.id} />
                      <button type="submit" className="secondary">
                        {t("admission.invites.revoke")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
