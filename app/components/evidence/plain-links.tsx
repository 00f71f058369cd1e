// An entry's links as plain text, each with a copy button: never an <a>, never fetched, never
// previewed (issue 11). A link a member wrote down is where their images are: one click away
// from it would be one click too close.
import { CopyButton } from "#app/components/evidence/copy-button.tsx";
import { useT } from "#app/i18n/use-t.ts";

export function PlainLinks({ links, copy = true }: { links: string[]; copy?: boolean }) {
  const t = useT();
  return (
    <ul className="evidence-links">
      {links.map((link, i) => (
        <li key={i}>
          <code>{link}</code> {copy ? <CopyButton text={link} what={t("evidence.ui.copyLinkNumber", { number: i + 1 })} /> : null}
        </li>
      ))}
    </ul>
  );
}
