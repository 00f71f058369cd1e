// What an appeal's note and a moderator's decision may contain: plain text, trimmed, in NFC,
// at most 1,000 characters, without control characters or bidirectional overrides (which can
// make a note read differently to the moderator than it was written).
import { z } from "zod";

export const APPEAL_NOTE_MAX = 1000;
export const APPEAL_RESPONSE_MAX = 1000;

// C0/C1 controls (newlines and tabs allowed: a note may have paragraphs) and bidi overrides.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .refine((v) => [...v].length <= max, tooLong)
        .refine((v) => !CONTROL.test(v), "history.controlCharacters"),
    );

export const appealForm = z.object({
  note: text(APPEAL_NOTE_MAX, "history.noteTooLong").pipe(z.string().min(1, "history.noteRequired")),
});

export const decisionForm = z.object({
  outcome: z.enum(["upheld", "overturned"], { message: "history.outcomeRequired" }),
  response: text(APPEAL_RESPONSE_MAX, "history.responseTooLong").transform((v) => v || null),
});

export type Outcome = z.output<typeof decisionForm>["outcome"];
