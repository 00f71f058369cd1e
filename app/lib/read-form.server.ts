// Every action reads its form through here. Hearth's forms send urlencoded or multipart bodies;
// anything else (JSON, a multipart body without its boundary or cut short) is answered with a
// translated 4xx before any service runs, instead of the parser's TypeError becoming a 500.
import { httpError } from "#app/lib/http-error.server.ts";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(type)) throw httpError(415);
  try {
    return await request.formData();
  } catch {
    throw httpError(400);
  }
}
