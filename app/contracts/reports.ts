// Why a member reports a post: the form's choices and the service's validation share this list.
export const REPORT_REASONS = ["image", "identifying", "harassment", "self-harm", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
