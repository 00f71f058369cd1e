import type { holdsEn } from "./holds.en.ts";

export const holdsZhHans: Record<keyof typeof holdsEn, string> = {
  "holds.placeholder": "Holds",
};
