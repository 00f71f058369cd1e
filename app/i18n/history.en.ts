// English strings for moderation: history (merged in catalog.ts).
export const historyEn = {
  "history.placeholder": "History",
} as const;
