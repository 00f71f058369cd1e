// The admission capability: who may join (the registration mode), letting waiting members in,
// invitations, and the admin settings page. Every admin action is authorized here, not only on
// the pages, and audited in its own transaction (docs/moderation.md).
import { authorize, type Actor } from "#server/authz/policy.ts";
import { formToObject } from "#server/forms.ts";
import { memberActor, OPERATOR } from "#server/moderation/audit.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { readSetting } from "#server/settings/store.ts";
import { decideApproval } from "./approval.ts";
import { createInvite, listInvites, revokeInvite } from "./invites.ts";
import { saveSettingsForm, settingsFormValues } from "./settings-form.ts";

export function createAdmissionServices(deps: ServiceDeps) {
  return {
    /** `open`, `approval` or `invite`: what the join form asks for. */
    registrationMode: () => readSetting(deps.db, "registration.mode"),
    /** Lets a waiting member in, or refuses them (their account is deleted, their sessions end). */
    decideApproval: (actor: Actor | null, memberId: string, decision: "approve" | "refuse", reason?: string | null) =>
      decideApproval(deps.db, deps.live, actor, memberId, decision, reason),
    /** The admin pages' index: admins only. */
    adminHome: async (actor: Actor | null) => {
      authorize(actor, "admin.settings");
      return { mode: await readSetting(deps.db, "registration.mode") };
    },
    /** The admin settings page: the current values as its fields show them. */
    settingsForm: async (actor: Actor | null) => {
      authorize(actor, "admin.settings");
      return settingsFormValues(deps.db);
    },
    saveSettingsForm: async (actor: Actor | null, which: string, form: FormInput) => {
      authorize(actor, "admin.settings");
      return saveSettingsForm(deps.db, memberActor(actor.id), which, formToObject(form));
    },
    /** Invites made on the admin page (`actor`) or at the shell (null with `operator`). */
    createInvite: async (actor: Actor | "operator" | null, label?: string | null) => createInvite(deps.db, admin(actor, "admin.invites"), label),
    listInvites: async (actor: Actor | "operator" | null) => {
      admin(actor, "admin.invites");
      return listInvites(deps.db);
    },
    revokeInvite: async (actor: Actor | "operator" | null, id: string) => revokeInvite(deps.db, admin(actor, "admin.invites"), id),
  };
}

/** The audit actor for an admin action: the operator at the shell, or a signed-in admin. */
function admin(actor: Actor | "operator" | null, permission: "admin.invites" | "admin.roles") {
  if (actor === "operator") return OPERATOR;
  authorize(actor, permission);
  return memberActor(actor.id);
}
