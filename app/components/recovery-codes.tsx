import { Link } from "react-router";
import { useT } from "#app/i18n/use-t.ts";
import { CODE_FIELD, CODES_NEXT_FIELD, type CodesNext, LANGUAGE_FORM_ID } from "#app/lib/language-form.ts";

/**
 * The ten recovery codes, shown once. They ride along with the header's language switch
 * (app/lib/language-form.ts), so changing language here keeps them on the screen. `next` is where
 * the member goes on to; with `continueLink` the link to it is shown under the codes.
 */
export function RecoveryCodes({ codes, next, continueLink = false }: { codes: string[]; next: CodesNext; continueLink?: boolean }) {
  const t = useT();
  return (
    <div className="recovery-codes">
      <h1>{t("codes.title")}</h1>
      <p>{t("codes.intro")}</p>
      <ol className="codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
            <input type="hidden" form={LANGUAGE_FORM_ID} name={CODE_FIELD} value={code} />
          </li>
        ))}
      </ol>
      <input type="hidden" form={LANGUAGE_FORM_ID} name={CODES_NEXT_FIELD} value={next} />
      <p>{t("codes.keep")}</p>
      <p className="warning">{t("codes.warning")}</p>
      {continueLink ? (
        <p>
          <Link to={next} className="button">
            {t(next === "/waiting" ? "admission.codes.continueWaiting" : "codes.continue")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
