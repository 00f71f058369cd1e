// The admission capability: registration modes, the waiting page's data, invites, probation counts, roles and moderator forums.
import type { ServiceDeps } from "#server/service-deps.ts";

export function createAdmissionServices(deps: ServiceDeps) {
  void deps;
  return {};
}
