// A "Copy" button for a link or a takedown text (progressive enhancement): it exists only once
// JavaScript runs; without it the text beside it is plain, selectable text. It copies to the
// clipboard and says so; it never opens, fetches or follows what it copies.
import { useState } from "react";
import { useHydrated } from "#app/components/chat/use-hydrated.ts";
import { useT } from "#app/i18n/use-t.ts";

/** `what` finishes the button's name for screen readers ("Copy link 2"); it is not shown. */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const t = useT();
  const hydrated = useHydrated();
  const [said, setSaid] = useState<"copied" | "failed" | null>(null);
  if (!hydrated) return null;
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setSaid("copied"),
      () => setSaid("failed"),
    );
  };
  return (
    <span className="evidence-copy evidence-screen-only">
      <button type="button" className="secondary" onClick={copy}>
        {t("evidence.ui.copy")}
        <span className="visually-hidden"> {what}</span>
      </button>{" "}
      <span role="status" className="hint">
        {said === "copied" ? t("evidence.ui.copied") : said === "failed" ? t("evidence.ui.copyFailed") : ""}
      </span>
    </span>
  );
}
