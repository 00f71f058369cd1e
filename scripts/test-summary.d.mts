export function summarize(stepsText: string, readReport: (file: string) => string): { passed: number; failed: number; skipped: number; problems: string[] };
