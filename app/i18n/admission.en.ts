// English strings for moderation: admission (merged in catalog.ts).
export const admissionEn = {
  "admission.placeholder": "Admission",
} as const;
