// The takedown request for one entry, in English and in Chinese, to paste into a platform's
// report form: read-only text (selectable without JavaScript) and, with it, a copy button.
// Hearth sends nothing anywhere.
import { CopyButton } from "#app/components/evidence/copy-button.tsx";
import { LOCALES, type Locale } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";

export function TakedownTexts({ texts }: { texts: Record<Locale, string> }) {
  const t = useT();
  return (
    <section aria-labelledby="takedown-heading" className="evidence-takedown">
      <h2 id="takedown-heading">{t("evidence.ui.takedownHeading")}</h2>
      <p>{t("evidence.ui.takedownIntro")}</p>
      {LOCALES.map((locale) => {
        const label = t(locale === "en" ? "evidence.ui.takedownEn" : "evidence.ui.takedownZh");
        return (
          <div className="field" key={locale}>
            <label htmlFor={`takedown-${locale}`}>{label}</label>
            <textarea id={`takedown-${locale}`} lang={locale} readOnly rows={12} defaultValue={texts[locale]} key={texts[locale]} />
            <CopyButton text={texts[locale]} what={label} />
          </div>
        );
      })}
    </section>
  );
}
