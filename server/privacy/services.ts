// The privacy capability (issue 12): a member's export of everything Hearth holds about them,
// from their own session (permission `settings.own`, checked here), with their evidence log
// opened by that session; and the operator's export of a member from the admin CLI, audited as
// the operator and never holding the evidence log; erasure, from the member's session (the
// passphrase asked again and a tick) or from the admin CLI, on the same map (member-data.ts,
// erase.ts).
import type { Locale } from "#app/i18n/catalog.ts";
import { eq } from "drizzle-orm";
import { members } from "#db/schema.ts";
import { pseudonymKey } from "#server/auth/pseudonym.ts";
import { authorized } from "#server/authz/policy.ts";
import { confirmWithPassphraseForm } from "#server/auth/auth-forms.ts";
import { confirmPassphrase } from "#server/auth/reauth.ts";
import { Invalid, NotFound } from "#server/errors.ts";
import { formToObject, parseForm } from "#server/forms.ts";
import type { FormInput } from "#server/service-deps.ts";
import type { EvidenceServices, EvidenceWho } from "#server/evidence/services.ts";
import { audit, OPERATOR, SYSTEM } from "#server/moderation/audit.ts";
import type { ServiceDeps } from "#server/service-deps.ts";
import { afterErasure, eraseMember } from "./erase.ts";
import { memberEvidence, OPERATOR_EVIDENCE } from "./evidence-section.ts";
import { exportChunks, type ExportFormat, LIST_SECTIONS, notIncluded } from "./export.ts";
import { SECTION_TITLES } from "./export-html.ts";

export type { ExportFormat } from "./export.ts";

async function* afterLimit(limit: () => Promise<void>, chunks: AsyncGenerator<string>): AsyncGenerator<string> {
  await limit();
  yield* chunks;
}

export function createPrivacyServices(deps: ServiceDeps, evidence: EvidenceServices) {
  const { db } = deps;
  const memberByPseudonym = async (pseudonym: string) => {
    const [member] = await db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.pseudonymKey, pseudonymKey(pseudonym)));
    if (!member) throw new NotFound();
    return member;
  };
  return {
    /** What /settings/privacy says the export holds and leaves out, and whether this session
     *  opens the member's evidence log (and so whether the export will hold it). */
    overview: async (who: EvidenceWho) => {
      authorized(who.actor, "settings.own");
      const { state } = await evidence.state(who);
      return {
        evidence: state,
        sections: ["profile" as const, ...LIST_SECTIONS, "evidenceLog" as const].map((name) => SECTION_TITLES[name]),
        withheld: notIncluded(),
      };
    },

    /** The member's own export, as chunks of the file, read as they are taken. Its first step is
     *  the per-member limit (TooManyAttempts), before anything is read. */
    memberExport: (who: EvidenceWho, format: ExportFormat, locale: Locale, opts: { now?: Date; discreet?: boolean } = {}) => {
      const member = authorized(who.actor, "settings.own");
      const now = opts.now ?? new Date();
      const request = {
        db,
        memberId: member.id,
        audience: "member" as const,
        locale,
        discreet: opts.discreet,
        now,
        evidence: () => memberEvidence(evidence, who),
      };
      const chunks = exportChunks(request, format);
      return afterLimit(() => deps.throttle.exporting(member.id), chunks);
    },

    /** For a request that came by another channel (`npm run admin -- export-member NAME`): the
     *  member's export as JSON, without their evidence log (decision 018), audited as the
     *  operator before the first byte. Throws NotFound for an unknown pseudonym. */
    operatorExport: async (pseudonym: string, now = new Date()) => {
      const member = await memberByPseudonym(pseudonym);
      await audit(db, OPERATOR, { action: "member.export", targetKind: "member", targetId: member.id, detail: { format: "json" } });
      return exportChunks({ db, memberId: member.id, audience: "operator", locale: "en", now, evidence: async () => OPERATOR_EVIDENCE }, "json");
    },

    /** The member erases their own account: the passphrase asked again (throttled like sign-in)
     *  and the "I understand" tick; then everything the map names, in one transaction. */
    erase: async (who: EvidenceWho, data: FormInput, clientKey: string) => {
      const member = authorized(who.actor, "settings.own");
      const { current } = parseForm(confirmWithPassphraseForm, data);
      if (formToObject(data).understood !== "on") throw new Invalid({ understood: "privacy.erase.tickRequired" });
      await confirmPassphrase({ db, throttle: deps.throttle }, member.id, current, clientKey);
      const erased = await eraseMember(db, member.id, (tx, anonymousId) =>
        audit(tx, SYSTEM, { action: "member.erase", targetKind: "member", targetId: anonymousId, detail: { by: "member" } }),
      );
      await afterErasure(deps.live, member.id, erased);
      return { anonymousId: erased.anonymousId };
    },

    /** For a request that came by another channel (`npm run admin -- erase-member NAME`), audited
     *  as the operator with the anonymous id, never the pseudonym. Throws NotFound. */
    operatorErase: async (pseudonym: string) => {
      const member = await memberByPseudonym(pseudonym);
      const erased = await eraseMember(db, member.id, (tx, anonymousId) =>
        audit(tx, OPERATOR, { action: "member.erase", targetKind: "member", targetId: anonymousId, detail: { by: "operator" } }),
      );
      await afterErasure(deps.live, member.id, erased);
      return { anonymousId: erased.anonymousId };
    },
  };
}

export type PrivacyServices = ReturnType<typeof createPrivacyServices>;
