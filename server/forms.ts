// Shared form parsing: a zod schema per form, used by actions, socket handlers and the CLI.
// Issues carry i18n keys as messages, so a failure becomes an `Invalid` with field messages.
import type { z } from "zod";
import type { MessageKey } from "#app/i18n/catalog.ts";
import { Invalid, type FieldErrors } from "./errors.ts";

export function formToObject(data: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(data instanceof FormData)) return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of data) if (typeof value === "string" && !(key in out)) out[key] = value;
  return out;
}

export function parseForm<S extends z.ZodType>(schema: S, data: FormData | Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(formToObject(data));
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fields[field] ??= (issue.message.includes(".") ? issue.message : "form.invalid") as MessageKey;
  }
  throw new Invalid(fields);
}
