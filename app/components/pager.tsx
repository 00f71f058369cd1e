import { Link } from "react-router";
import { useT } from "#app/i18n/use-t.ts";

export function Pager({ page, pages, base }: { page: number; pages: number; base: string }) {
  const t = useT();
  if (pages <= 1) return null;
  // A base that already has a query (/search?q=…) keeps it.
  const at = (n: number) => `${base}${base.includes("?") ? "&" : "?"}page=${n}`;
  return (
    <nav className="pager" aria-label={t("pages.position", { page, pages })}>
      {page > 1 ? (
        <Link to={at(page - 1)} rel="prev">
          {t("pages.previous")}
        </Link>
      ) : null}
      <span>{t("pages.position", { page, pages })}</span>
      {page < pages ? (
        <Link to={at(page + 1)} rel="next">
          {t("pages.next")}
        </Link>
      ) : null}
    </nav>
  );
}
