// The printed log's "Print" button: only with JavaScript (it calls the browser's print dialog);
// without it the page says to use the browser's own Print command. Neither is printed.
import { useHydrated } from "#app/components/chat/use-hydrated.ts";
import { useT } from "#app/i18n/use-t.ts";

export function PrintButton() {
  const t = useT();
  const hydrated = useHydrated();
  return (
    <p className="evidence-screen-only">
      {hydrated ? (
        <>
          <button type="button" onClick={() => window.print()}>
            {t("evidence.ui.printButton")}
          </button>{" "}
        </>
      ) : null}
      <span className="hint">{t("evidence.ui.printHint")}</span>
    </p>
  );
}
