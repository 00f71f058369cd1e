// Why a member reports a post, a thread or a member: the form's choices (in this order) and the
// service's validation share this list. `image` is shown as "sexual content or images".
export const REPORT_REASONS = ["harassment", "identifying", "image", "self-harm", "spam", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What can be reported. */
export const REPORT_TARGETS = ["post", "thread", "member"] as const;
export type ReportTargetKind = (typeof REPORT_TARGETS)[number];

/** A moderator's reason for an action, and a private note about a member: their longest. */
export const MOD_REASON_MAX = 1000;
export const MEMBER_NOTE_MAX = 2000;
