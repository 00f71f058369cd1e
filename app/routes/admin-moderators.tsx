// /admin/moderators: who moderates what. Admins appoint moderators (of every forum or of chosen
// ones) and admins, and remove them; each change is audited and closes that member's sockets.
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/admin-moderators";
import { servicesContext } from "#app/context.ts";
import { ErrorSummary, Field, type FormState } from "#app/components/form-parts.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure, keepValues } from "#app/lib/form-result.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { Invalid, isForbidden, isNotFound } from "#server/errors.ts";
import { PageTitle } from "#app/components/page-title.tsx";

const ROLES = ["member", "moderator", "admin"] as const;

function forbiddenAs403(err: unknown): never {
  if (isForbidden(err)) throw httpError(403);
  throw err;
}

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  return context.get(servicesContext).members.staff(visitor.member).catch(forbiddenAs403);
}

export async function action({ context, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const form = await readForm(request);
  const pseudonym = String(form.get("pseudonym") ?? "");
  const role = String(form.get("role") ?? "");
  const forums = form.getAll("forums").filter((v): v is string => typeof v === "string");
  try {
    const changed = await context
      .get(servicesContext)
      .members.setRole(pseudonym, role, { forums, by: visitor.member })
      .catch((err: unknown) => {
        if (isNotFound(err)) throw new Invalid({ pseudonym: "admission.roles.unknownMember" });
        return forbiddenAs403(err);
      });
    return data({ ok: true as const, pseudonym: changed.pseudonym, role: changed.role });
  } catch (err) {
    return formFailure(err, keepValues(form, ["pseudonym"]));
  }
}

export const headers = forwardHeaders;

export default function AdminModerators({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const state = actionData && !actionData.ok ? (actionData as FormState) : null;
  const forumName = (slug: string) => {
    const names = loaderData.forums.find((f) => f.slug === slug)?.names;
    return names?.[locale] ?? names?.en ?? slug;
  };
  return (
    <section className="panel">
      <PageTitle>{`${t("admission.roles.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("admission.roles.title")}</h1>
      <p>
        <Link to="/admin">{t("admission.admin.back")}</Link>
      </p>
      <p>{t("admission.roles.intro")}</p>
      {actionData?.ok ? (
        <p role="status" className="notice">
          {t("admission.roles.saved", { name: actionData.pseudonym, role: t(`admission.roles.${actionData.role}` as MessageKey) })}
        </p>
      ) : null}
      {loaderData.staff.length === 0 ? (
        <p>{t("admission.roles.none")}</p>
      ) : (
        <table className="staff">
          <thead>
            <tr>
              <th scope="col">{t("field.pseudonym")}</th>
              <th scope="col">{t("admission.roles.role")}</th>
              <th scope="col">{t("admission.roles.forums")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admission.roles.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaderData.staff.map((m) => (
              <tr key={m.id}>
                <td>{m.pseudonym}</td>
                <td>{t(`admission.roles.${m.role}` as MessageKey)}</td>
                <td>{m.forums ? m.forums.map(forumName).join(", ") : t("admission.roles.allForums")}</td>
                <td>
                  <Form method="post" className="inline">
                    <input type="hidden" name="pseudonym" value={m.pseudonym} />
                    <input type="hidden" name="role" value="member" />
                    <button type="submit" className="secondary">
                      {t("admission.roles.remove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("admission.roles.formTitle")}</h2>
      <ErrorSummary state={state} idFor={(name) => (name === "role" ? "role-member" : name === "forums" ? "forums-legend" : name)} />
      <Form method="post" noValidate>
        <Field name="pseudonym" label="field.pseudonym" autoComplete="off" state={state} />
        <fieldset>
          <legend>{t("admission.roles.role")}</legend>
          {state?.fieldErrors.role ? <p className="error">{t(state.fieldErrors.role)}</p> : null}
          {ROLES.map((r) => (
            <p key={r}>
              <input type="radio" id={`role-${r}`} name="role" value={r} defaultChecked={r === "moderator"} />{" "}
              <label htmlFor={`role-${r}`}>{t(`admission.roles.${r}` as MessageKey)}</label>
            </p>
          ))}
        </fieldset>
        <fieldset>
          <legend id="forums-legend" tabIndex={-1}>
            {t("admission.roles.forums")}
          </legend>
          <p className="hint">{t("admission.roles.forumsHint")}</p>
          {state?.fieldErrors.forums ? <p className="error">{t(state.fieldErrors.forums)}</p> : null}
          {loaderData.forums.map((f) => (
            <p key={f.slug}>
              <input type="checkbox" id={`forum-${f.slug}`} name="forums" value={f.slug} /> <label htmlFor={`forum-${f.slug}`}>{forumName(f.slug)}</label>
            </p>
          ))}
        </fieldset>
        <button type="submit">{t("admission.roles.submit")}</button>
      </Form>
    </section>
  );
}
