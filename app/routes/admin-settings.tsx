// /admin/settings: one small form per setting. A save goes through the settings writer, which
// validates and audits; bad input is answered with a translated message, nothing is saved, and
// the text typed stays in its field.
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/admin-settings";
import { servicesContext } from "#app/context.ts";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import { httpError } from "#app/lib/http-error.server.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { isInvalidLine } from "#server/admission/settings-form.ts";
import { isForbidden, isInvalid } from "#server/errors.ts";
import { REGISTRATION_MODES } from "#server/settings/keys.ts";
import { PageTitle } from "#app/components/page-title.tsx";

const FIELDS = ["mode", "posts", "words", "templates", "count", "hours", "resources-en", "resources-zh-Hans", "takedown-en", "takedown-zh-Hans"];
const RESOURCE_FIELD: Record<string, string> = { "help-en": "resources-en", "help-zh-Hans": "resources-zh-Hans" };

function forbiddenAs403(err: unknown): never {
  if (isForbidden(err)) throw httpError(403);
  throw err;
}

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  return { values: await context.get(servicesContext).admission.settingsForm(visitor.member).catch(forbiddenAs403) };
}

type Failure = FormState & { intent: string; paths?: Array<{ path: string; message: MessageKey }> };

export async function action({ context, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  try {
    await context.get(servicesContext).admission.saveSettingsForm(visitor.member, intent, form).catch(forbiddenAs403);
    return data({ ok: true as const, intent });
  } catch (err) {
    // Everything typed is kept (these fields hold no secret), up to a generous length.
    const values: Record<string, string> = {};
    for (const name of FIELDS) {
      const value = form.get(name);
      if (typeof value === "string") values[name] = value.slice(0, 200_000);
    }
    const failure = formFailure(err, values);
    const state: Failure = { ...failure.data, intent };
    if (isInvalidLine(err)) state.formErrorParams = { line: err.line };
    // The crisis resources are JSON: writeSetting names each wrong part (`services.2.url`).
    const resources = RESOURCE_FIELD[intent];
    if (resources && isInvalid(err) && !err.fields[resources]) {
      state.paths = Object.entries(err.fields).flatMap(([path, message]) => (message ? [{ path, message }] : []));
      state.fieldErrors = { [resources]: "admission.settings.pathErrors" };
    }
    return data(state, failure.init ?? undefined);
  }
}

export const headers = forwardHeaders;

export default function AdminSettings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const stateFor = (intent: string) => (actionData && !actionData.ok && actionData.intent === intent ? (actionData as Failure) : null);
  const savedFor = (intent: string) =>
    actionData?.ok && actionData.intent === intent ? (
      <p role="status" className="notice">
        {t("admission.settings.saved")}
      </p>
    ) : null;
  const shown = (intent: string, name: string) => stateFor(intent)?.values[name] ?? (loaderData.values as Record<string, string>)[name] ?? "";
  const errorOf = (intent: string, name: string) => stateFor(intent)?.fieldErrors[name];
  const fieldError = (intent: string, name: string) => {
    const error = errorOf(intent, name);
    const paths = stateFor(intent)?.paths;
    if (!error) return null;
    return (
      <div className="error" id={`${name}-error`}>
        <p>{t(error)}</p>
        {paths ? (
          <ul>
            {paths.map((p) => (
              <li key={p.path}>
                <code>{p.path}</code>: {t(p.message)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  };
  const textarea = (intent: string, name: string, label: MessageKey, hint: MessageKey, rows: number) => (
    <div className={errorOf(intent, name) ? "field field-error" : "field"}>
      <label htmlFor={name}>{t(label)}</label>
      <p className="hint" id={`${name}-hint`}>
        {t(hint)}
      </p>
      {fieldError(intent, name)}
      <textarea
        id={name}
        name={name}
        rows={rows}
        defaultValue={shown(intent, name)}
        key={shown(intent, name)}
        aria-invalid={errorOf(intent, name) ? true : undefined}
        aria-describedby={errorOf(intent, name) ? `${name}-hint ${name}-error` : `${name}-hint`}
        spellCheck={false}
      />
    </div>
  );
  const number = (intent: string, name: string, label: MessageKey, hint?: MessageKey) => (
    <div className={errorOf(intent, name) ? "field field-error" : "field"}>
      <label htmlFor={name}>{t(label)}</label>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {t(hint)}
        </p>
      ) : null}
      {fieldError(intent, name)}
      <input
        id={name}
        name={name}
        type="number"
        inputMode="numeric"
        min={0}
        defaultValue={shown(intent, name)}
        key={shown(intent, name)}
        aria-invalid={errorOf(intent, name) ? true : undefined}
        aria-describedby={[hint ? `${name}-hint` : null, errorOf(intent, name) ? `${name}-error` : null].filter(Boolean).join(" ") || undefined}
      />
    </div>
  );
  // One setting's form: its heading, the saved notice or the error summary, and the save button.
  const section = (intent: string, title: MessageKey, body: React.ReactNode, opts: { noValidate?: boolean; idFor?: (name: string) => string } = {}) => (
    <div key={intent}>
      <h2>{t(title)}</h2>
      {savedFor(intent)}
      <ErrorSummary state={stateFor(intent)} idFor={opts.idFor} />
      <Form method="post" noValidate={opts.noValidate}>
        <input type="hidden" name="intent" value={intent} />
        {body}
        <button type="submit" className="secondary">
          {t("admission.settings.save")}
        </button>
      </Form>
    </div>
  );
  const mode = shown("registration", "mode");
  return (
    <section className="panel">
      <PageTitle>{`${t("admission.settings.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("admission.settings.title")}</h1>
      <p>
        <Link to="/admin">{t("admission.admin.back")}</Link>
      </p>
      {section(
        "registration",
        "admission.settings.registration",
        <fieldset>
          <legend>{t("admission.settings.registration")}</legend>
          {REGISTRATION_MODES.map((m) => (
            <p key={`${m}-${mode}`}>
              <input type="radio" id={`mode-${m}`} name="mode" value={m} defaultChecked={m === mode} />{" "}
              <label htmlFor={`mode-${m}`}>{t(`admission.settings.mode.${m}` as MessageKey)}</label>
            </p>
          ))}
        </fieldset>,
        { idFor: () => `mode-${REGISTRATION_MODES[0]}` },
      )}
      {section("probation", "admission.settings.probation", number("probation", "posts", "admission.settings.posts", "admission.settings.postsHint"), {
        noValidate: true,
      })}
      {section("watched", "admission.settings.words", textarea("watched", "words", "admission.settings.words", "admission.settings.wordsHint", 8))}
      {section(
        "templates",
        "admission.settings.templates",
        textarea("templates", "templates", "admission.settings.templates", "admission.settings.templatesHint", 6),
      )}
      {section(
        "repeat",
        "admission.settings.repeat",
        <>
          <p className="hint">{t("admission.settings.repeatHint")}</p>
          {number("repeat", "count", "admission.settings.count")}
          {number("repeat", "hours", "admission.settings.hours")}
        </>,
        { noValidate: true },
      )}
      {(["en", "zh-Hans"] as const).map((lang) => {
        const title = lang === "en" ? "admission.settings.resourcesEn" : "admission.settings.resourcesZh";
        return section(`help-${lang}`, title, textarea(`help-${lang}`, `resources-${lang}`, title, "admission.settings.resourcesHint", 14));
      })}
      {(["en", "zh-Hans"] as const).map((lang) => {
        const title = lang === "en" ? "evidence.ui.admin.takedownEn" : "evidence.ui.admin.takedownZh";
        return section(`takedown-${lang}`, title, textarea(`takedown-${lang}`, `takedown-${lang}`, title, "evidence.ui.admin.takedownHint", 14));
      })}
    </section>
  );
}
