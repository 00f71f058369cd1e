// Where a preference form (/language, /discreet) sends the visitor back to: a path on this site.
import { httpError } from "#app/lib/http-error.server.ts";

// Only a path on this site: "/x", never "//host" or "/\host", and nothing with whitespace or a
// control character anywhere: browsers drop tabs and newlines from a URL, so "/\t/evil.example"
// would be read as "//evil.example", and CR/LF cannot go into a Location header at all.
const SAME_ORIGIN_PATH = /^\/(?![/\\])[^\s\u0000-\u001f\u007f-\u009f]*$/;

/** Where to go back to; absent means the home page, anything else not ours is a 400. */
export function returnTo(value: FormDataEntryValue | null) {
  if (value === null || value === "") return "/";
  if (typeof value !== "string" || !SAME_ORIGIN_PATH.test(value)) throw httpError(400);
  return value;
}
