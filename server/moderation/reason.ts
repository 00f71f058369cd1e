// A moderator's reason: one of the editable templates (setting moderation.reason_templates,
// offered as a <select>), a few words of their own, or both. Optional for every action.
import { z } from "zod";
import { MOD_REASON_MAX } from "#app/contracts/reports.ts";

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

const part = z
  .string()
  .optional()
  .transform((v) => (v ?? "").normalize("NFC").trim());

export const reasonFields = z
  .object({ reasonTemplate: part, reasonText: part })
  .transform(({ reasonTemplate, reasonText }) => [reasonTemplate, reasonText].filter(Boolean).join(" — "))
  .pipe(
    z
      .string()
      .max(MOD_REASON_MAX, "mod.reasonTooLong")
      .refine((v) => !CONTROL.test(v), "post.controlCharacters"),
  )
  .transform((v) => v || null);
