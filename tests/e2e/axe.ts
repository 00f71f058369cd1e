// axe-core in the page, injected over the DevTools protocol (the page's CSP rightly refuses an
// inline <script>, but evaluation from the driver is not page script). axe schedules its work
// with timers, so it needs a context with JavaScript on.
import axe from "axe-core";
import type { Page } from "playwright-core";

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Violations of impact "serious" or "critical" on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}
