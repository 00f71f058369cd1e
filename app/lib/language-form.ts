// The header's language switch is one form, posted to /language. A page that shows recovery codes
// adds them to that form (hidden fields with its id in their `form` attribute), so switching
// language there shows the same codes again in the new language instead of losing them: they are
// shown once, and the page was the only place they existed (app/routes/language.tsx).
export const LANGUAGE_FORM_ID = "language-switch";

/** The fields a codes page adds: each code, and where its "continue" link goes. */
export const CODE_FIELD = "shownCode";
export const CODES_NEXT_FIELD = "codesNext";

/** Where a codes page's "continue" may lead: the pages that show codes send their members on to these. */
export const CODES_NEXT = ["/welcome", "/waiting", "/settings"] as const;
export type CodesNext = (typeof CODES_NEXT)[number];

export function codesNext(value: unknown): CodesNext | null {
  return CODES_NEXT.find((path) => path === value) ?? null;
}
