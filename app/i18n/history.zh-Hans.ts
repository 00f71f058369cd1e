import type { historyEn } from "./history.en.ts";

export const historyZhHans: Record<keyof typeof historyEn, string> = {
  "history.placeholder": "History",
};
