// The appeals capability: a member's own moderation history, notices and appeals.
import type { ServiceDeps } from "#server/service-deps.ts";

export function createAppealServices(deps: ServiceDeps) {
  void deps;
  return {};
}
