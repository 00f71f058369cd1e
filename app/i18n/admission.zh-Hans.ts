import type { admissionEn } from "./admission.en.ts";

export const admissionZhHans: Record<keyof typeof admissionEn, string> = {
  "admission.placeholder": "Admission",
};
