// The safety capability: where the quick exit goes for this visitor, and the "Get help now" list.
import type { Locale } from "#app/i18n/catalog.ts";
import { planQuickExit, type QuickExitVisitor } from "#server/members/quick-exit.ts";
import type { ServiceDeps } from "#server/service-deps.ts";
import { helpResources } from "#server/settings/public.ts";

export function createSafetyServices(deps: ServiceDeps) {
  return {
    planQuickExit: (visitor: QuickExitVisitor) => planQuickExit(deps.db, visitor),
    helpResources: (list: Locale) => helpResources(deps.db, list),
  };
}
