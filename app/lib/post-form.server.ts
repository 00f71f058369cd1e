// Reads a composer form: fields, the button pressed, and an attached file held in memory only
// (never written to disk; the size cap is enforced before the body is read).
import { randomUUID } from "node:crypto";
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
