// "2 new replies": announced politely (a screen reader says it when the reader pauses), fixed to
// the bottom of the window so that it moves nothing on the page. On the thread's last page it
// scrolls to the first new reply and moves focus there; on another page it links to the last one.
// Rendered only once the page runs JavaScript: without it the page is as it always was.
import { Link } from "react-router";
import { useT } from "#app/i18n/use-t.ts";

export function NewReplies({ threadId, unseen, lastPage, onShown }: { threadId: string; unseen: string[]; lastPage: boolean; onShown: () => void }) {
  const t = useT();
  const count = unseen.length;
  const show = () => {
    const first = unseen[0] ? document.getElementById(`post-${unseen[0]}`) : null;
    if (first) {
      // Focus follows, so the keyboard and screen reader continue from the new reply.
      first.setAttribute("tabindex", "-1");
      first.scrollIntoView({ block: "start" });
      first.focus({ preventScroll: true });
    }
    onShown();
  };
  return (
    <div className="live-replies" aria-live="polite">
      {count === 0 ? null : lastPage ? (
        <button type="button" onClick={show}>
          {t("live.newReplies", { count })}
        </button>
      ) : (
        <Link to={`/t/${threadId}?page=last`}>{t("live.newRepliesElsewhere", { count })}</Link>
      )}
    </div>
  );
}
