// The post composer: a plain multipart form that works without JavaScript (Preview is a submit
// button). With JavaScript it also previews as you type and stops images before they are sent.
import { useRef, useState } from "react";
import { Form } from "react-router";
import { TITLE_MAX, WARNING_MAX } from "#app/contracts/limits.ts";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { useT } from "#app/i18n/use-t.ts";
import { ErrorSummary, type FormState } from "./form-parts.tsx";
import { hasFiles, looksLikeImage } from "./image-intercept.ts";
import { useLivePreview } from "./use-live-preview.ts";

export interface ComposerProps {
  mode: "thread" | "reply" | "edit";
  idempotencyKey?: string;
  values?: { title?: string; body?: string; contentWarning?: string };
  state?: (FormState & { intent?: string }) | null;
  previewHtml?: string | null;
  /** What the media guard would remove from the previewed text ("An image was removed …"). */
  previewNotices?: readonly MessageKey[];
  action?: string;
}

const SUBMIT: Record<ComposerProps["mode"], MessageKey> = { thread: "composer.submitThread", reply: "composer.submitReply", edit: "composer.submitEdit" };

export function Composer({ mode, idempotencyKey, values = {}, state, previewHtml, previewNotices = [], action }: ComposerProps) {
  const t = useT();
  const kept = state?.values ?? {};
  const errors = state?.fieldErrors ?? {};
  const [blocked, setBlocked] = useState(false);
  const [body, setBody] = useState(kept.body ?? values.body ?? "");
  const preview = useLivePreview(body);
  const fileInput = useRef<HTMLInputElement>(null);

  const stopFiles = (event: React.ClipboardEvent | React.DragEvent) => {
    const data = "clipboardData" in event ? event.clipboardData : event.dataTransfer;
    if (hasFiles(data)) {
      event.preventDefault();
      setBlocked(true);
    }
  };
  const checkAttachment = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file && (await looksLikeImage(file))) {
      if (fileInput.current) fileInput.current.value = "";
      setBlocked(true);
    }
  };
  // The live preview, unless it is of older text than the preview the page itself just rendered.
  const live = preview.answer && (preview.current || !previewHtml) ? preview.answer : null;
  const shownPreview = live?.html ?? previewHtml;
  const shownNotices = live ? live.notices : previewNotices;
  const field = (name: string) => ({
    id: `${mode}-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${mode}-${name}-error` : undefined,
  });
  const error = (name: string) =>
    errors[name] ? (
      <p className="error" id={`${mode}-${name}-error`}>
        {t(errors[name]!)}
      </p>
    ) : null;

  return (
    <Form method="post" encType="multipart/form-data" className="composer" action={action} onSubmit={preview.stop}>
      <ErrorSummary state={state} idFor={(name) => `${mode}-${name}`} />
      {blocked ? (
        <p className="notice-image" role="alert">
          {t("composer.imageBlocked")}
        </p>
      ) : null}
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      {mode === "thread" ? (
        <div className="field">
          <label htmlFor={`${mode}-title`}>{t("composer.title")}</label>
          {error("title")}
          <input {...field("title")} type="text" maxLength={TITLE_MAX} defaultValue={kept.title ?? values.title} required />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${mode}-contentWarning`}>{t("cw.field")}</label>
        <p className="hint">{t("cw.hint")}</p>
        {error("contentWarning")}
        <input {...field("contentWarning")} type="text" maxLength={WARNING_MAX} defaultValue={kept.contentWarning ?? values.contentWarning} />
      </div>
      <div className="field">
        <label htmlFor={`${mode}-body`}>{t("composer.body")}</label>
        <p className="hint">{t("composer.bodyHint")}</p>
        {error("body")}
        <textarea
          {...field("body")}
          rows={mode === "reply" ? 6 : 10}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onPaste={stopFiles}
          onDrop={stopFiles}
        />
      </div>
      {mode !== "edit" ? (
        <div className="field">
          <label htmlFor={`${mode}-attachment`}>{t("composer.attachment")}</label>
          <p className="hint">{t("composer.attachmentHint")}</p>
          {error("attachment")}
          <input {...field("attachment")} ref={fileInput} type="file" accept=".txt,.md,text/plain,text/markdown" onChange={checkAttachment} />
        </div>
      ) : null}
      {shownPreview ? (
        <section className="preview" aria-live="polite">
          <h3>{t("composer.previewTitle")}</h3>
          {shownNotices.map((key) => (
            <p key={key} className="notice">
              {t(key)}
            </p>
          ))}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server's preview, rendered and sanitized as a stored post is */}
          <div className="post-body" dangerouslySetInnerHTML={{ __html: shownPreview }} />
        </section>
      ) : null}
      <p className="actions">
        {/* A preview needs no title yet: the browser's required-field check is for posting. */}
        <button type="submit" name="intent" value="preview" className="secondary" formNoValidate>
          {t("composer.preview")}
        </button>
        <button type="submit" name="intent" value="post">
          {t(SUBMIT[mode])}
        </button>
      </p>
    </Form>
  );
}
