// Live pages: what an open thread, the header and the moderators' queue say as things change.
export const liveEn = {
  "live.reconnecting": "Reconnecting…",
  "live.newReplies": "{count, plural, one {# new reply: show it} other {# new replies: show them}}",
  "live.newRepliesElsewhere": "{count, plural, one {# new reply on the last page} other {# new replies on the last page}}",
  "live.postGone": "This post is no longer shown.",
  "live.queueChanged": "The queue has changed since you opened this page.",
  "live.queueShow": "Show the latest queue",
} as const;
