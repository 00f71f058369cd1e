import type { queueEn } from "./queue.en.ts";

export const queueZhHans: Record<keyof typeof queueEn, string> = {
  "queue.placeholder": "Queue",
};
