// What the last form did, told after its redirect: "The entry was saved", and that an image or
// image address was taken out of what the member wrote.
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";

export function EvidenceNotices({ notices }: { notices: { done: MessageKey | null; imageRemoved: boolean } }) {
  const t = useT();
  if (!notices.done && !notices.imageRemoved) return null;
  return (
    <div role="status">
      {notices.done ? <p className="notice">{t(notices.done)}</p> : null}
      {notices.imageRemoved ? <p className="notice-image">{t("evidence.notice.imageRemoved")}</p> : null}
    </div>
  );
}
