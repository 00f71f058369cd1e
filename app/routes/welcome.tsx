// The interruption page shown once, straight after joining, before the member meets the quick
// exit on their own (docs/safety.md QE6; GOV.UK "Exit a page quickly").
import { Link } from "react-router";
import { useT } from "#app/i18n/use-t.ts";
import { PageTitle } from "#app/components/page-title.tsx";

export default function Welcome() {
  const t = useT();
  return (
    <section className="panel">
      <PageTitle>{`${t("welcome.title")} · ${t("site.name")}`}</PageTitle>
      <h1>{t("welcome.title")}</h1>
      <p>{t("welcome.button")}</p>
      <p>{t("welcome.shift")}</p>
      <p>{t("welcome.link")}</p>
      <p className="warning">{t("welcome.history")}</p>
      <p>{t("welcome.back")}</p>
      <p>
        <Link to="/safety">{t("welcome.more")}</Link>
      </p>
      <p>
        <Link to="/" className="button">
          {t("welcome.continue")}
        </Link>
      </p>
    </section>
  );
}
