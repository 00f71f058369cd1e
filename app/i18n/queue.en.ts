// English strings for moderation: queue (merged in catalog.ts).
export const queueEn = {
  "queue.placeholder": "Queue",
} as const;
