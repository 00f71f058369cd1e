// Live pages: what an open thread, the header and the moderators' queue say as things change.
export const liveEn = {
  "live.reconnecting": "Reconnecting…",
} as const;
