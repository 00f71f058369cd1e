import { Form, Link, useLocation } from "react-router";
import { LOCALES, translate, type Locale } from "#app/i18n/catalog.ts";

export function SiteHeader({ locale, member, unread = 0 }: { locale: Locale; member: { pseudonym: string } | null; unread?: number }) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const location = useLocation();
  return (
    <header className="site-header">
      <Link to="/" className="site-name">
        {t("site.name")}
      </Link>
      <nav aria-label={t("nav.main")}>
        <ul>
          <li>
            <Link to="/help" className="help-link">
              {t("nav.help")}
            </Link>
          </li>
          <li>
            <Link to="/forums">{t("forums.title")}</Link>
          </li>
          <li>
            <Link to="/search">{t("search.title")}</Link>
          </li>
          {member ? (
            <>
              <li className="signed-in">{t("nav.signedInAs", { name: member.pseudonym })}</li>
              <li>
                <Link to="/notifications">{unread > 0 ? t("notifications.count", { count: String(unread) }) : t("notifications.title")}</Link>
              </li>
              <li>
                <Link to="/settings">{t("nav.settings")}</Link>
              </li>
              <li>
                <Form method="post" action="/logout" className="inline">
                  <button type="submit" className="link-button">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </li>
            </>
          ) : (
            <>
              <li>
                <Link to="/login">{t("nav.signIn")}</Link>
              </li>
              <li>
                <Link to="/join">{t("nav.join")}</Link>
              </li>
            </>
          )}
        </ul>
      </nav>
      <Form method="post" action="/language" className="language-switch" aria-label={t("lang.label")}>
        <input type="hidden" name="returnTo" value={location.pathname + location.search} />
        {LOCALES.map((l) => (
          <button key={l} type="submit" name="lang" value={l} aria-pressed={l === locale} lang={l}>
            {translate(l, `lang.${l}`)}
          </button>
        ))}
      </Form>
    </header>
  );
}
