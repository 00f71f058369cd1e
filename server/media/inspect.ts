// The verdict on a file (docs/architecture.md, "Media guard"; issue 3): `image` (removed), `text` (valid
// UTF-8 up to 256 KB that is not itself an image) or `rejected`. Decided by content alone:
// the name and declared type are accepted so that callers can pass them, and ignored, because
// both are chosen by whoever sends the file.
import { containerFormat } from "./containers.ts";
import { examine } from "./find-image.ts";
import { textFormat } from "./text-decoding.ts";
import { TEXT_LIMIT, type Verdict } from "./verdict.ts";
import { tgaHeader, wbmp } from "./weak-formats.ts";

export type { Verdict } from "./verdict.ts";

export interface InspectOptions {
  /** Ignored on purpose: the sender chooses it. */
  name?: string;
  /** Ignored on purpose: the sender chooses it. */
  declaredType?: string;
}

// Document formats that can be valid UTF-8 but are not plain text or markdown.
const TEXT_DOCUMENTS = new Set(["pdf", "rtf"]);

export function inspect(bytes: Uint8Array, _opts: InspectOptions = {}): Verdict {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { image, kind, view } = examine(b);
  if (image) return { verdict: "image", format: image };

  const container = containerFormat(b);
  if (kind === "text") {
    if (container && TEXT_DOCUMENTS.has(container)) return { verdict: "rejected", format: container, reason: "not-text" };
    const format = textFormat(view);
    if (b.length > TEXT_LIMIT) return { verdict: "rejected", format, reason: "too-large" };
    return { verdict: "text", format };
  }
  if (container) return { verdict: "rejected", format: container, reason: "not-text" };
  // Signature-less formats last: only bytes that nothing else claimed are read as TGA or WBMP.
  const weak = tgaHeader(b) ?? wbmp(b);
  if (weak) return { verdict: "image", format: weak };
  return kind === "invalid-utf8"
    ? { verdict: "rejected", format: "text", reason: "invalid-utf8" }
    : { verdict: "rejected", format: "binary", reason: "binary" };
}
