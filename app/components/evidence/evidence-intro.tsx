// What the log is for and how it is kept, said plainly at the top of /settings/evidence before
// anything is asked of the member.
import { useT } from "#app/i18n/use-t.ts";

export function EvidenceIntro() {
  const t = useT();
  return (
    <div className="evidence-intro">
      <p>{t("evidence.ui.intro.purpose")}</p>
      <p>{t("evidence.ui.intro.sealed")}</p>
      <p>
        <strong>{t("evidence.ui.intro.screenshots")}</strong>
      </p>
      <p className="warning">{t("evidence.ui.intro.loss")}</p>
    </div>
  );
}
