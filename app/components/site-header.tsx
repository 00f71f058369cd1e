// The header on every page: the site's links, who is signed in, and the language switch. A member
// waiting for approval sees only "Get help now" and sign-out; moderators and admins also see
// their pages (/mod, /admin). Links only reflect the rules: the pages check them again. The
// unread count follows new notifications while the page is open; in discreet mode the link says
// only "New activity", with no number (docs/safety.md).
import { Form, Link, useLocation, useRevalidator, useRouteLoaderData } from "react-router";
import { useLiveUnread } from "#app/components/live/use-live-unread.ts";
import { LOCALES, translate, type Locale } from "#app/i18n/catalog.ts";
import { useSessionEnded } from "#app/lib/live-socket.ts";
import { useDiscreet } from "#app/lib/use-discreet.ts";
import { LANGUAGE_FORM_ID } from "#app/lib/language-form.ts";

type Role = "member" | "moderator" | "admin";

export function SiteHeader({ locale, member, unread = 0 }: { locale: Locale; member: { pseudonym: string; role?: Role } | null; unread?: number }) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const location = useLocation();
  // From the root loader (app/root.tsx): a member waiting for approval, signed in to /waiting only.
  const root = useRouteLoaderData("root") as { waiting?: boolean } | undefined;
  const waiting = root?.waiting === true;
  // Kept live while the page is open (components/live/use-live-unread.ts); a session that ends
  // while the page is open shows the page signed out.
  const count = useLiveUnread(unread, root, member !== null && !waiting);
  const discreet = useDiscreet();
  const revalidator = useRevalidator();
  useSessionEnded(() => void revalidator.revalidate());
  if (waiting) return <WaitingHeader locale={locale} />;
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
            <li>
              <Link to="/chat">{t("chat.title")}</Link>
            </li>
          ) : null}
          {member ? (
            <>
              <li className="signed-in">{t("nav.signedInAs", { name: member.pseudonym })}</li>
              <li>
                <Link to="/notifications">
                  {count === 0 ? t("notifications.title") : discreet ? t("privacy.discreet.newActivity") : t("notifications.count", { count: String(count) })}
                </Link>
              </li>
              <li>
                <Link to="/settings">{t("nav.settings")}</Link>
              </li>
              {member.role === "moderator" || member.role === "admin" ? (
                <li>
                  <Link to="/mod">{t("admission.nav.moderation")}</Link>
                </li>
              ) : null}
              {member.role === "admin" ? (
                <li>
                  <Link to="/admin">{t("admission.nav.admin")}</Link>
                </li>
              ) : null}
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
      <LanguageSwitch locale={locale} returnTo={location.pathname + location.search} />
    </header>
  );
}

function WaitingHeader({ locale }: { locale: Locale }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const location = useLocation();
  return (
    <header className="site-header">
      <span className="site-name">{t("site.name")}</span>
      <nav aria-label={t("nav.main")}>
        <ul>
          <li>
            <Link to="/help" className="help-link">
              {t("nav.help")}
            </Link>
          </li>
          <li>
            <Form method="post" action="/logout" className="inline">
              <button type="submit" className="link-button">
                {t("nav.signOut")}
              </button>
            </Form>
          </li>
        </ul>
      </nav>
      <LanguageSwitch locale={locale} returnTo={location.pathname + location.search} />
    </header>
  );
}

function LanguageSwitch({ locale, returnTo }: { locale: Locale; returnTo: string }) {
  return (
    <Form method="post" action="/language" id={LANGUAGE_FORM_ID} className="language-switch" aria-label={translate(locale, "lang.label")}>
      <input type="hidden" name="returnTo" value={returnTo} />
      <LanguageButtons current={locale} />
    </Form>
  );
}

/** One submit button per language, each named in its own language (the header's switch, /language). */
export function LanguageButtons({ current, className }: { current: Locale; className?: string }) {
  return LOCALES.map((l) => (
    <button key={l} type="submit" name="lang" value={l} aria-pressed={l === current} lang={l} className={className}>
      {translate(l, `lang.${l}`)}
    </button>
  ));
}
