// The only link targets a member's post may carry (issue 3): https:, http:, mailto:, a fragment,
// or a relative link. Shared by markdown-it (which decides what becomes a link) and DOMPurify
// (which decides what survives), so the two cannot disagree.
//
// Relative means no scheme and no authority: "//host" and "/\host" are other origins to a
// browser (which treats "\" as "/"), so they are refused along with every other scheme.
export const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|#|\/(?![/\\])|(?![a-z][a-z0-9+.-]*:|[/\\]{2}|\\))/i;

// What URL parsers drop before reading a scheme: C0 controls, space, and (inside it) tab and
// line breaks; DOMPurify strips the same before testing an attribute.
const IGNORED = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;

export function isAllowedUrl(url: string): boolean {
  return ALLOWED_URI_REGEXP.test(url.replace(IGNORED, ""));
}
