// Reads a composer form: fields, the button pressed, and an attached file held in memory only
// (never written to disk; the size cap is enforced before the body is read).
import { randomUUID } from "node:crypto";
import { data } from "react-router";
import type { HearthServices } from "#server/services.ts";
import { readForm } from "#app/lib/read-form.server.ts";

export async function readPostForm(request: Request) {
  const form = await readForm(request);
  const file = form.get("attachment");
  const upload = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  form.delete("attachment");
  return { form, upload, intent: form.get("intent") === "preview" ? ("preview" as const) : ("post" as const) };
}

export function newIdempotencyKey() {
  return randomUUID();
}

/** Text fields kept after a failed or previewed submission. */
export function composerValues(form: FormData) {
  const out: Record<string, string> = {};
  for (const name of ["title", "body", "contentWarning"]) {
    const value = form.get(name);
    if (typeof value === "string") out[name] = value.slice(0, 25_000);
  }
  return out;
}

/** The answer to the composer's Preview button (without JavaScript): the form as it was, with
 *  the preview the media guard and renderer make of its body. */
export async function previewAnswer(services: HearthServices, memberId: string, form: FormData) {
  const preview = await services.media.preview(memberId, String(form.get("body") ?? ""));
  return data({ ok: false as const, fieldErrors: {}, values: composerValues(form), preview });
}
