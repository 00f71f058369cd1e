// The services handed to loaders and actions through React Router's context, to the socket
// handlers and to the admin CLI: one factory per capability, each in its own folder, composed
// here. Adding a capability is adding a folder and a line below.
import { createAdmissionServices } from "./admission/services.ts";
import { createAppealServices } from "./appeals/services.ts";
import { createAuthServices } from "./auth/services.ts";
import { createChatServices } from "./chat/services.ts";
import { createEvidenceServices } from "./evidence/services.ts";
import { createForumServices } from "./forums/services.ts";
import { createMediaServices } from "./media/services.ts";
import { createMemberServices } from "./members/services.ts";
import { createModerationServices } from "./moderation/services.ts";
import { createRetentionServices } from "./retention/services.ts";
import { createPrivacyServices } from "./privacy/services.ts";
import { createSafetyServices } from "./safety/services.ts";
import type { ServiceDeps } from "./service-deps.ts";
import { createSettingsServices } from "./settings/services.ts";

export function createServices(deps: ServiceDeps) {
  const { forums, notifications, blocks } = createForumServices(deps);
  // The member's export opens their evidence log through the evidence services, as its pages do.
  const evidence = createEvidenceServices(deps);
  return {
    auth: createAuthServices(deps),
    members: createMemberServices(deps),
    safety: createSafetyServices(deps),
    settings: createSettingsServices(deps),
    forums,
    notifications,
    blocks,
    media: createMediaServices(deps),
    admission: createAdmissionServices(deps),
    moderation: createModerationServices(deps),
    appeals: createAppealServices(deps),
    chat: createChatServices(deps),
    evidence,
    privacy: createPrivacyServices(deps, evidence),
    retention: createRetentionServices(deps),
  };
}

export type HearthServices = ReturnType<typeof createServices>;
export type { ServiceDeps };
