// Limits both sides enforce: the server's validation is the authority, the browser's maxLength
// and upload checks only spare a member a round trip. Nothing here imports server code.

/** A thread's title, in characters. */
export const TITLE_MAX = 150;
/** A post's Markdown body, in code points. */
export const BODY_MAX = 20_000;
/** A content warning, in characters. */
export const WARNING_MAX = 100;
/** A report's optional note, in characters. */
export const REPORT_NOTE_MAX = 1000;
/** The largest upload the media guard judges (text attachments are far smaller: 256 KB). */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
