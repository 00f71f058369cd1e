// Recovery codes made before the log existed hold no key to it: the member is told how many,
// and where to make new ones (the settings page's "Recovery codes" form).
import { Link } from "react-router";
import { useT } from "#app/i18n/use-t.ts";

export function CodesNotice({ count }: { count: number }) {
  const t = useT();
  if (count <= 0) return null;
  return (
    <p className="warning">
      {t("evidence.ui.codesWithoutWrap", { count })} <Link to="/settings#codes">{t("evidence.ui.codesLink")}</Link>
    </p>
  );
}
