// /settings/privacy: the member's own data (issue 12). What the export holds and what it leaves
// out (both read from server/privacy/member-data.ts's map, so the page cannot drift from the
// file), whether this session opens the evidence log and so whether the file will hold it, and
// two plain download links that work without JavaScript; the expiry choice; and erasing the
// account (the passphrase again, a tick, then the home page with a plain notice, signed out).
import { Form, Link, redirect } from "react-router";
import { ErrorSummary, Field } from "#app/components/form-parts.tsx";
import { formFailure } from "#app/lib/form-result.server.ts";
import type { Route } from "./+types/settings-privacy";
import { servicesContext } from "#app/context.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { clearedSessionCookie, requireMember } from "#app/lib/auth.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";
import { PageTitle } from "#app/components/page-title.tsx";
import { signedOutPath, signOutClearSiteData } from "#server/safety/discreet-mode.ts";

const PRIVACY_PATH = "/settings/privacy";

export async function loader({ context, request }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  const services = context.get(servicesContext);
  const [overview, expiry] = await Promise.all([
    services.privacy.overview({ actor: visitor.member, token: visitor.sessionToken() }),
    services.members.expiry(visitor.member),
  ]);
  const query = new URL(request.url).searchParams;
  return { ...overview, expiry, saved: query.has("saved"), wait: waitMinutes(query.get("wait")) };
}

/** ?wait=N after a refused download (settings-privacy-export.ts): the minutes to say, or null. */
function waitMinutes(value: string | null): number | null {
  const minutes = Number(value);
  return value !== null && Number.isInteger(minutes) && minutes >= 1 && minutes <= 60 ? minutes : null;
}

/** The member's expiry choice (server/members/expiry.ts), or erasing the account
 *  (server/privacy/erase.ts); Post/Redirect/Get. */
export async function action({ context, request }: Route.ActionArgs) {
  const visitor = requireMember(context);
  const form = await request.formData();
  if (form.get("intent") === "erase") {
    try {
      await context.get(servicesContext).privacy.erase({ actor: visitor.member, token: visitor.sessionToken() }, form, await visitor.clientKey());
    } catch (err) {
      return formFailure(err, { intent: "erase" });
    }
    const headers = new Headers();
    headers.append("Set-Cookie", clearedSessionCookie(visitor.https));
    headers.set("Clear-Site-Data", signOutClearSiteData(visitor.discreet));
    return redirect(signedOutPath("/?erased", visitor.discreet, visitor.locale), { headers });
  }
  try {
    await context.get(servicesContext).members.setExpiry(visitor.member, form);
  } catch (err) {
    return formFailure(err);
  }
  return redirect(`${PRIVACY_PATH}?saved#expiry`);
}

export const headers = forwardHeaders;

const EVIDENCE_STATE: Record<"open" | "locked" | "none", MessageKey> = {
  open: "privacy.export.page.evidenceOpen",
  locked: "privacy.export.page.evidenceLocked",
  none: "privacy.export.page.evidenceNone",
};

const EXPIRY: Array<{ value: "never" | "30" | "90" | "365"; label: MessageKey }> = [
  { value: "never", label: "privacy.expiry.never" },
  { value: "30", label: "privacy.expiry.days30" },
  { value: "90", label: "privacy.expiry.days90" },
  { value: "365", label: "privacy.expiry.days365" },
];

export default function SettingsPrivacy({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { evidence, sections, withheld, expiry, saved, wait } = loaderData;
  const eraseState = actionData?.values.intent === "erase" ? actionData : undefined;
  const tickError = eraseState?.fieldErrors.understood;
  return (
    <section className="panel">
      <PageTitle>{`${t("privacy.export.page.title")} · ${t("site.name")}`}</PageTitle>
      <p className="breadcrumb">
        <Link to="/settings">{t("privacy.export.page.backToSettings")}</Link>
      </p>
      <h1>{t("privacy.export.page.title")}</h1>
      <p>{t("privacy.export.page.intro")}</p>

      <h2>{t("privacy.export.page.holdsHeading")}</h2>
      <ul>
        {sections.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <p>
        {t(EVIDENCE_STATE[evidence])} {evidence === "locked" ? <Link to="/settings/evidence">{t("privacy.export.page.evidenceLink")}</Link> : null}
      </p>

      <h2>{t("privacy.export.page.leavesOutHeading")}</h2>
      <ul>
        {withheld.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>

      <h2 id="download">{t("privacy.export.page.downloadHeading")}</h2>
      {wait ? (
        <p className="notice" role="alert">
          {t("privacy.export.page.wait", { minutes: wait })}
        </p>
      ) : null}
      <p className="notice">{t("privacy.export.page.keepSafe")}</p>
      {/* Plain links to resource routes (settings-privacy-export.ts): a download, not a page. */}
      <ul className="downloads">
        <li>
          <a href={`${PRIVACY_PATH}/export.html`} className="button" download>
            {t("privacy.export.page.downloadHtml")}
          </a>
        </li>
        <li>
          <a href={`${PRIVACY_PATH}/export.json`} className="button" download>
            {t("privacy.export.page.downloadJson")}
          </a>
        </li>
      </ul>

      <h2 id="expiry">{t("privacy.expiry.heading")}</h2>
      <p>{t("privacy.expiry.explain")}</p>
      {saved ? (
        <p className="notice" role="status">
          {t("privacy.expiry.saved")}
        </p>
      ) : null}
      <ErrorSummary state={actionData?.values.intent === "erase" ? undefined : actionData} idFor={(name) => `expiry-${name}`} />
      <Form method="post" action={PRIVACY_PATH}>
        {(["posts", "chat"] as const).map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`expiry-${field}`}>{t(field === "posts" ? "privacy.expiry.posts" : "privacy.expiry.chat")}</label>
            <select id={`expiry-${field}`} name={field} defaultValue={expiry[field]}>
              {EXPIRY.map((c) => (
                <option key={c.value} value={c.value}>
                  {t(c.label)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit">{t("privacy.expiry.save")}</button>
      </Form>

      {/* Below the downloads, so that a member sees how to take their data with them first. */}
      <h2 id="erase">{t("privacy.erase.heading")}</h2>
      <div className="notice">
        <p>
          <strong>{t("privacy.erase.cannotUndo")}</strong>
        </p>
        <p>{t("privacy.erase.goes")}</p>
        <p>{t("privacy.erase.stays")}</p>
        <p>{t("privacy.erase.evidence")}</p>
      </div>
      <ErrorSummary state={eraseState} idFor={(name) => `erase-${name}`} />
      {/* noValidate: the missing tick is answered by Hearth, in the member's language, not by
          the browser's own bubble in the browser's. */}
      <Form method="post" action={`${PRIVACY_PATH}#erase`} noValidate>
        <input type="hidden" name="intent" value="erase" />
        <Field name="current" id="erase-current" type="password" autoComplete="current-password" label="privacy.erase.passphrase" state={eraseState} />
        <div className={tickError ? "field field-error" : "field"}>
          {tickError ? (
            <p className="error" id="erase-understood-error">
              {t(tickError)}
            </p>
          ) : null}
          <input
            type="checkbox"
            id="erase-understood"
            name="understood"
            required
            aria-invalid={tickError ? true : undefined}
            aria-describedby={tickError ? "erase-understood-error" : undefined}
          />{" "}
          <label htmlFor="erase-understood">{t("privacy.erase.understood")}</label>
        </div>
        <button type="submit" className="danger">
          {t("privacy.erase.submit")}
        </button>
      </Form>
    </section>
  );
}
