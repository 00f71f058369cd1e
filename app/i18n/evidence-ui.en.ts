// The evidence log's pages (/settings/evidence and what hangs off it).
export const evidenceUiEn = {} as const;
