import type { evidenceUiEn } from "./evidence-ui.en.ts";

export const evidenceUiZhHans: Record<keyof typeof evidenceUiEn, string> = {};
