// English strings for moderation: holds (merged in catalog.ts).
export const holdsEn = {
  "holds.placeholder": "Holds",
} as const;
