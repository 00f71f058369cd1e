import { useT } from "#app/i18n/use-t.ts";

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT();
  return (
    <div className="recovery-codes">
      <h1>{t("codes.title")}</h1>
      <p>{t("codes.intro")}</p>
      <ol className="codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>{t("codes.keep")}</p>
      <p className="warning">{t("codes.warning")}</p>
    </div>
  );
}
