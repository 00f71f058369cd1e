// The moderation pages' own small menu: the queue and the audit log.
import { useT } from "#app/i18n/use-t.ts";

export function ModNav() {
  const t = useT();
  return (
    <nav className="breadcrumb" aria-label={t("queue.title")}>
      <a href="/mod">{t("mod.nav.queue")}</a> · <a href="/mod/audit">{t("mod.nav.audit")}</a>
    </nav>
  );
}
