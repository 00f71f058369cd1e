// The appeals capability: a member's own moderation history, their appeals, and the moderators'
// decisions on them. Authorization is checked here (server/authz/policy.ts), not only in routes.
import type { Actor } from "#server/authz/policy.ts";
import { pushPostChanges } from "#server/forums/live-posts.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { appealCase } from "./case.ts";
import { decide } from "./decide.ts";
import { history } from "./history.ts";
import { appeal } from "./submit.ts";

export { APPEAL_NOTE_MAX, APPEAL_RESPONSE_MAX } from "./forms.ts";

export function createAppealServices(deps: ServiceDeps) {
  return {
    history: (actor: Actor | null) => history(deps.db, actor),
    appeal: (actor: Actor | null, eventId: string, form: FormInput) => appeal(deps.db, actor, eventId, form),
    appealCase: (actor: Actor | null, appealId: string) => appealCase(deps.db, actor, appealId),
    decide: async (actor: Actor | null, appealId: string, outcome: "upheld" | "overturned" | (string & {}), response?: string | null) => {
      const done = await decide(deps.db, actor, appealId, outcome, response);
      // After the commit; the decision stands even if no screen is open to hear it. A post the
      // decision brought back appears on its thread's open pages.
      await deps.live.push({ member: done.memberId }, "notifications:new").catch(() => undefined);
      if (done.shownPostId) await pushPostChanges(deps, { shown: [done.shownPostId] });
      return done;
    },
  };
}
