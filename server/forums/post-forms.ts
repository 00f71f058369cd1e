// What a thread, reply or edit form may contain (issue 4): title ≤ 150, body ≤ 20,000 characters,
// a short optional content warning, no control characters, and the form's idempotency key.
import { z } from "zod";
import { BODY_MAX, TITLE_MAX, WARNING_MAX } from "#app/contracts/limits.ts";

// C0/C1 controls (tab and newlines allowed in bodies) and bidirectional overrides, which can make
// text read differently from what it is.
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const line = (required: string, max: number, tooLong: string) =>
  z
    .string({ message: required })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, required)
        .max(max, tooLong)
        .refine((v) => !CONTROL_IN_LINE.test(v), "post.controlCharacters"),
    );

const body = z
  .string({ message: "post.bodyRequired" })
  .transform((v) => v.normalize("NFC").replace(/\r\n?/g, "\n").trimEnd())
  .pipe(
    z
      .string()
      .refine((v) => v.trim().length > 0, "post.bodyRequired")
      .refine((v) => [...v].length <= BODY_MAX, "post.bodyTooLong")
      .refine((v) => !CONTROL_IN_BODY.test(v), "post.controlCharacters"),
  );

const contentWarning = z
  .string()
  .optional()
  .transform((v) => (v ?? "").normalize("NFC").trim())
  .pipe(
    z
      .string()
      .max(WARNING_MAX, "post.warningTooLong")
      .refine((v) => !CONTROL_IN_LINE.test(v), "post.controlCharacters"),
  )
  .transform((v) => v || null);

const idempotencyKey = z.string({ message: "form.invalid" }).regex(/^[A-Za-z0-9-]{8,64}$/, "form.invalid");

export const threadForm = z.object({ title: line("post.titleRequired", TITLE_MAX, "post.titleTooLong"), body, contentWarning, idempotencyKey });
export const replyForm = z.object({ body, contentWarning, idempotencyKey });
export const editForm = z.object({ body, contentWarning });
