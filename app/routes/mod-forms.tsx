// Pieces of the moderation pages: the reason picker (a template and/or the moderator's own
// words), one form per target whose buttons each name an action, content kept closed until the
// moderator opens it, and the "done" notice. Plain forms: everything works without JavaScript.
import { Form } from "react-router";
import { ErrorSummary, type FormState } from "#app/components/form-parts.tsx";
import { MOD_REASON_MAX } from "#app/contracts/reports.ts";
import { StoredHtml } from "#app/components/stored-html.tsx";
import { isMessageKey, type MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";

export type Intent =
  | "approve"
  | "reject"
  | "hide"
  | "unhide"
  | "remove"
  | "restore"
  | "warning"
  | "lock"
  | "unlock"
  | "pin"
  | "unpin"
  | "move"
  | "dismiss"
  | "warn"
  | "suspend"
  | "ban"
  | "unban"
  | "resume"
  | "removeMessage";

export function DoneNotice({ done, state }: { done: string | null; state?: FormState | null }) {
  const t = useT();
  const key = `mod.action.${done}`;
  return (
    <>
      {done && isMessageKey(key) ? (
        <p role="status" className="notice">
          {t("mod.done", { action: t(key) })}
        </p>
      ) : null}
      <ErrorSummary state={state} />
    </>
  );
}

function ReasonPicker({ idPrefix, templates }: { idPrefix: string; templates: string[] }) {
  const t = useT();
  return (
    <fieldset className="reason">
      <legend>{t("mod.reason")}</legend>
      <div className="field">
        <label htmlFor={`${idPrefix}-template`}>{t("mod.reasonTemplate")}</label>
        <select id={`${idPrefix}-template`} name="reasonTemplate" defaultValue="">
          <option value="">{t("mod.reasonNone")}</option>
          {templates.map((template) => (
            // The text is the value: each template is written once per form, not twice.
            <option key={template}>{template}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-text`}>{t("mod.reasonText")}</label>
        <input id={`${idPrefix}-text`} name="reasonText" type="text" maxLength={MOD_REASON_MAX} />
      </div>
    </fieldset>
  );
}

function Button({ intent }: { intent: Intent }) {
  const t = useT();
  return (
    <button type="submit" name="intent" value={intent}>
      {t(`mod.action.${intent}` as MessageKey)}
    </button>
  );
}

export interface ActionTarget {
  idPrefix: string;
  postId?: string | null;
  threadId?: string | null;
  memberId?: string | null;
  itemId?: string | null;
  /** A chat message: its room's slug and its public id. */
  message?: { room: string; id: string } | null;
  templates: string[];
}

/** One form for one target: the hidden ids, the reason, and a button per action offered. */
export function ActionForm({
  target,
  content,
  thread,
  member,
  moveTo,
  warning,
}: {
  target: ActionTarget;
  /** The content warning now, as the warning field's starting value. */
  warning?: string | null;
  content?: Intent[];
  thread?: { locked: boolean; pinned: boolean; contentWarning: string | null } | null;
  member?: Intent[];
  moveTo?: Array<{ slug: string; name: string }>;
}) {
  const t = useT();
  const p = target.idPrefix;
  return (
    <Form method="post" className="mod-actions">
      {target.postId ? <input type="hidden" name="postId" value={target.postId} /> : null}
      {target.threadId && !target.postId ? <input type="hidden" name="threadId" value={target.threadId} /> : null}
      {target.memberId ? <input type="hidden" name="memberId" value={target.memberId} /> : null}
      {target.itemId ? <input type="hidden" name="itemId" value={target.itemId} /> : null}
      {target.message ? <input type="hidden" name="room" value={target.message.room} /> : null}
      {target.message ? <input type="hidden" name="messageId" value={target.message.id} /> : null}
      <ReasonPicker idPrefix={p} templates={target.templates} />
      {content?.length ? (
        <fieldset>
          <legend>{t("mod.contentActions")}</legend>
          {content.map((intent) => (
            <Button key={intent} intent={intent} />
          ))}
        </fieldset>
      ) : null}
      {content?.includes("warning") ? (
        <div className="field">
          <label htmlFor={`${p}-cw`}>{t("mod.contentWarning")}</label>
          <input id={`${p}-cw`} name="contentWarning" type="text" maxLength={200} defaultValue={warning ?? ""} />
        </div>
      ) : null}
      {thread && !target.postId ? (
        <fieldset>
          <legend>{t("mod.threadActions")}</legend>
          <Button intent={thread.locked ? "unlock" : "lock"} />
          <Button intent={thread.pinned ? "unpin" : "pin"} />
          {moveTo?.length ? (
            <span className="field">
              <label htmlFor={`${p}-forum`}>{t("mod.moveTo")}</label>{" "}
              <select id={`${p}-forum`} name="forum" defaultValue="">
                <option value="">—</option>
                {moveTo.map((f) => (
                  <option key={f.slug} value={f.slug}>
                    {f.name}
                  </option>
                ))}
              </select>{" "}
              <Button intent="move" />
            </span>
          ) : null}
        </fieldset>
      ) : null}
      {member?.length ? (
        <fieldset>
          <legend>{t("mod.memberActions")}</legend>
          {member
            .filter((intent) => intent !== "suspend")
            .map((intent) => (
              <Button key={intent} intent={intent} />
            ))}
          {member.includes("suspend") ? <SuspendFields idPrefix={p} /> : null}
        </fieldset>
      ) : null}
    </Form>
  );
}

function SuspendFields({ idPrefix }: { idPrefix: string }) {
  const t = useT();
  return (
    <div className="suspend">
      <label htmlFor={`${idPrefix}-duration`}>{t("mod.duration")}</label>{" "}
      <select id={`${idPrefix}-duration`} name="duration" defaultValue="1">
        {(["1", "3", "7", "30", "until"] as const).map((d) => (
          <option key={d} value={d}>
            {t(`mod.duration.${d}`)}
          </option>
        ))}
      </select>{" "}
      <label htmlFor={`${idPrefix}-until`}>{t("mod.until")}</label> <input id={`${idPrefix}-until`} name="until" type="datetime-local" />{" "}
      <Button intent="suspend" />
    </div>
  );
}

/** Content a moderator may not want to see unasked: closed until they open it, never opened for them. */
export function ModeratedContent({ id, html, collapsed, contentWarning }: { id: string; html: string; collapsed: boolean; contentWarning: string | null }) {
  const t = useT();
  const body = <StoredHtml id={`mod-body-${id}`} className="post-body" html={html} />;
  if (!collapsed) return body;
  return (
    <details className="mod-collapsed">
      <summary>{contentWarning ? t("cw.label", { label: contentWarning }) : t("queue.showContent")}</summary>
      {body}
    </details>
  );
}

/** A reason or hold pattern in the reader's language, or as stored when Hearth has no words for it. */
export function useReasonLabel() {
  const t = useT();
  return (reason: string) => {
    const key = `queue.reason.${reason}`;
    return isMessageKey(key) ? t(key) : reason;
  };
}
