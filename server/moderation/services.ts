// The moderation capability: reports, the moderators' queue, their actions, the audit log, member pages and notes.
import type { ServiceDeps } from "#server/service-deps.ts";

export function createModerationServices(deps: ServiceDeps) {
  void deps;
  return {};
}
