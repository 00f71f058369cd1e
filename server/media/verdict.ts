// The media guard's answer for one input (docs/architecture.md, "Media guard"). `image` is removed and the
// member is told an image was removed; `rejected` is refused with "only text is accepted", a
// different message, so the two must stay distinct.
export type RejectReason = "not-text" | "too-large" | "invalid-utf8" | "binary";

export type Verdict =
  | { verdict: "image"; format: string }
  | { verdict: "text"; format: "text" | "markdown" }
  | { verdict: "rejected"; format: string; reason: RejectReason };

/** Largest text attachment accepted, in bytes (256 KB). */
export const TEXT_LIMIT = 262_144;

/** A detector's finding: the image format's short name, or null when it saw none. */
export type Finding = string | null;
