// The foot of every page: what Hearth keeps about its members and for how long (/privacy).
import { Link } from "react-router";
import { translate, type Locale } from "#app/i18n/catalog.ts";

export function SiteFooter({ locale }: { locale: Locale }) {
  return (
    <footer className="site-footer">
      <nav aria-label={translate(locale, "privacy.footer.label")}>
        <Link to="/privacy">{translate(locale, "privacy.footer.privacy")}</Link>
      </nav>
    </footer>
  );
}
