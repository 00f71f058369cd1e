import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/settings";
import { servicesContext } from "#app/context.ts";
import { Checkbox, ErrorSummary, Field, type FormState } from "#app/components/form-parts.tsx";
import { DiscreetModeForm } from "#app/components/discreet-mode-form.tsx";
import { RecoveryCodes } from "#app/components/recovery-codes.tsx";
import { useLocale, useT } from "#app/i18n/use-t.ts";
import { clearedSessionCookie, requireMember } from "#app/lib/auth.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { formFailure } from "#app/lib/form-result.server.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { readForm } from "#app/lib/read-form.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const { auth, members } = context.get(servicesContext);
  const [sessions, codesLeft, preferences] = await Promise.all([
    auth.listSessions(visitor.member.id),
    auth.unusedCodeCount(visitor.member.id),
    members.preferences(visitor.member),
  ]);
  return {
    preferences,
    sessions: sessions.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), current: s.id === visitor.sessionId })),
    codesLeft,
  };
}

type Done = { ok: true; intent: string; notice?: MessageKey; codes?: string[] };

export async function action({ request, context }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const auth = context.get(servicesContext).auth;
  const form = await readForm(request);
  const intent = form.get("intent");
  try {
    switch (intent) {
      case "end-session": {
        const id = String(form.get("sessionId") ?? "");
        await auth.endSession(visitor.member.id, id);
        if (id === visitor.sessionId) throw redirect("/login", { headers: { "Set-Cookie": clearedSessionCookie(visitor.https) } });
        return data<Done>({ ok: true, intent, notice: "settings.endedOne" });
      }
      case "end-others":
        await auth.endOtherSessions(visitor.member.id, visitor.sessionId);
        return data<Done>({ ok: true, intent, notice: "settings.endedOthers" });
      case "change-passphrase":
        await auth.changePassphrase(
          { memberId: visitor.member.id, pseudonym: visitor.member.pseudonym, sessionId: visitor.sessionId, sessionToken: visitor.sessionToken() },
          form,
          await visitor.clientKey(),
        );
        return data<Done>({ ok: true, intent, notice: "settings.passphraseChanged" });
      case "preferences":
        await context.get(servicesContext).members.setPreferences(visitor.member, form);
        return data<Done>({ ok: true, intent, notice: "settings.preferencesSaved" });
      case "regenerate-codes":
        return data<Done>({
          ok: true,
          intent,
          codes: await auth.regenerateRecoveryCodes(visitor.member.id, form, await visitor.clientKey(), visitor.sessionToken()),
        });
      default:
        return data<FormState & { intent: string }>({ ok: false, intent: "", fieldErrors: {}, formError: "form.invalid", values: {} }, { status: 400 });
    }
  } catch (err) {
    const failure = formFailure(err);
    return data({ ...failure.data, intent: String(intent) }, failure.init ?? undefined);
  }
}

export const headers = forwardHeaders;

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const stateFor = (intent: string) => (actionData && actionData.intent === intent ? (actionData as FormState | Done) : null);
  const passphraseState = stateFor("change-passphrase") as FormState | null;
  const codesState = stateFor("regenerate-codes") as FormState | null;
  const formatter = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const codes = actionData?.ok && "codes" in actionData ? actionData.codes : undefined;
  return (
    <section className="panel">
      <PageTitle>{`${t("settings.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("settings.title")}</h1>
      {actionData?.ok && actionData.notice ? (
        <p role="status" className="notice">
          {t(actionData.notice)}
        </p>
      ) : null}

      <h2>{t("settings.preferences")}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="preferences" />
        <Checkbox
          name="openContentWarnings"
          label="settings.openWarnings"
          hint="settings.openWarningsHint"
          checked={loaderData.preferences.openContentWarnings}
        />
        <Checkbox name="quickExitSignsOut" label="settings.exitSignsOut" hint="settings.exitSignsOutHint" checked={loaderData.preferences.quickExitSignsOut} />
        <button type="submit">{t("settings.savePreferences")}</button>
      </Form>
      <p>
        <Link to="/safety">{t("settings.safetyLink")}</Link>
      </p>
      <p>
        <Link to="/settings/moderation">{t("history.settingsLink")}</Link>
      </p>
      <p>
        <Link to="/settings/evidence">{t("evidence.ui.settingsLink")}</Link>
      </p>
      <p>
        <Link to="/settings/privacy">{t("privacy.export.settingsLink")}</Link>
      </p>

      {/* Choices kept by this browser, not the account (docs/safety.md, "Discreet mode"). */}
      <h2 id="discreet">{t("privacy.device.heading")}</h2>
      <h3>{t("privacy.discreet.name")}</h3>
      <p>{t("privacy.discreet.explain")}</p>
      <DiscreetModeForm />
      <p>
        <Link to="/safety#discreet">{t("privacy.discreet.more")}</Link>
      </p>

      <h2>{t("settings.sessions")}</h2>
      <p>{t("settings.sessionsIntro")}</p>
      <ul className="sessions">
        {loaderData.sessions.map((s) => (
          <li key={s.id}>
            {t("settings.sessionCreated", { date: formatter.format(new Date(s.createdAt)) })} {s.current ? t("settings.thisDevice") : null}
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="end-session" />
              <input type="hidden" name="sessionId" value={s.id} />
              <button type="submit" className="secondary">
                {t("settings.endSession")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post">
        <input type="hidden" name="intent" value="end-others" />
        <button type="submit" className="secondary">
          {t("settings.endOthers")}
        </button>
      </Form>

      <h2>{t("settings.passphrase")}</h2>
      <ErrorSummary state={passphraseState} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="change-passphrase" />
        <Field name="current" type="password" label="field.current" autoComplete="current-password" state={passphraseState} />
        <Field name="password" type="password" label="field.newPassword" autoComplete="new-password" hint="join.passphraseHint" state={passphraseState} />
        <Field name="confirmPassword" type="password" label="field.confirmPassword" autoComplete="new-password" state={passphraseState} />
        <button type="submit">{t("settings.passphrase")}</button>
      </Form>

      {/* The evidence log links here to make codes that open it. */}
      <h2 id="codes">{t("settings.codes")}</h2>
      {codes ? <RecoveryCodes codes={codes} next="/settings" /> : <p>{t("settings.codesLeft", { count: loaderData.codesLeft })}</p>}
      <p>{t("settings.codesRegenerateHint")}</p>
      <ErrorSummary state={codesState} idFor={(name) => (name === "current" ? "codes-current" : name)} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="regenerate-codes" />
        <Field name="current" id="codes-current" label="field.current" type="password" autoComplete="current-password" state={codesState} />
        <button type="submit">{t("settings.codesRegenerate")}</button>
      </Form>
    </section>
  );
}
