// A post or thread with a content warning is collapsed behind its label (<details>, which works
// without JavaScript); members can choose to have them open by default.
import { useT } from "#app/i18n/use-t.ts";

export function ContentWarning({ label, open, children }: { label: string | null; open: boolean; children: React.ReactNode }) {
  const t = useT();
  if (!label) return <>{children}</>;
  return (
    <details className="content-warning" open={open}>
      <summary>{t("cw.label", { label })}</summary>
      {children}
    </details>
  );
}
