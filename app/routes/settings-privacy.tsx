// /settings/privacy: the member's own data (issue 12). What the export holds and what it leaves
// out (both read from server/privacy/member-data.ts's map, so the page cannot drift from the
// file), whether this session opens the evidence log and so whether the file will hold it, and
// two plain download links that work without JavaScript. Erasing the account will live here too.
import { Link } from "react-router";
import type { Route } from "./+types/settings-privacy";
import { servicesContext } from "#app/context.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { requireMember } from "#app/lib/auth.server.ts";
import { forwardHeaders } from "#app/lib/route-headers.ts";

const PRIVACY_PATH = "/settings/privacy";

export async function loader({ context }: Route.LoaderArgs) {
  const visitor = requireMember(context);
  return context.get(servicesContext).privacy.overview({ actor: visitor.member, token: visitor.sessionToken() });
}

export const headers = forwardHeaders;

const EVIDENCE_STATE: Record<"open" | "locked" | "none", MessageKey> = {
  open: "privacy.export.page.evidenceOpen",
  locked: "privacy.export.page.evidenceLocked",
  none: "privacy.export.page.evidenceNone",
};

export default function SettingsPrivacy({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { evidence, sections, withheld } = loaderData;
  return (
    <section className="panel">
      <title>{`${t("privacy.export.page.title")} · ${t("site.name")}`}</title>
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

      <h2>{t("privacy.export.page.downloadHeading")}</h2>
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

      {/*
        ERASE YOUR ACCOUNT (issue 12, built separately): the "Erase your account" section goes
        here, below the downloads, so that a member sees how to take their data with them first.
      */}
    </section>
  );
}
