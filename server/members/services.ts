// The members capability: a member's own preferences, and the administration the admin CLI and
// the admin pages use. A role change closes the member's sockets on every node, so that
// they reconnect with what the database says now (ASVS 8.3.2).
import type { Locale } from "#app/i18n/catalog.ts";
import { authorize, authorized, type Actor } from "#server/authz/policy.ts";
import { Invalid } from "#server/errors.ts";
import { memberActor, OPERATOR } from "#server/moderation/audit.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { createMember, listMembers, listStaff, memberIdOf, setRole } from "./admin.ts";
import { memberExpiry, setMemberExpiry } from "./expiry.ts";
import { memberPreferences, openContentWarnings, setMemberLocale, setMemberPreferences } from "./preferences.ts";

export function createMemberServices(deps: ServiceDeps) {
  return {
    setLocale: (memberId: string, locale: Locale) => setMemberLocale(deps.db, memberId, locale),
    openContentWarnings: (memberId: string) => openContentWarnings(deps.db, memberId),
    preferences: (actor: Actor | null) => memberPreferences(deps.db, authorized(actor, "settings.own").id),
    setPreferences: (actor: Actor | null, data: FormInput) => setMemberPreferences(deps.db, authorized(actor, "settings.own").id, data),
    /** Whether the member's posts and chat messages fade, and after how many days. */
    expiry: async (actor: Actor | null) => memberExpiry(deps.db, authorized(actor, "settings.own").id),
    setExpiry: async (actor: Actor | null, data: FormInput) => setMemberExpiry(deps.db, authorized(actor, "settings.own").id, data),
    create: (input: { pseudonym: string; password: string; confirmPassword: string }) => createMember(deps.db, input),
    list: () => listMembers(deps.db),
    /** From the admin CLI (no `by`: the operator at the shell) or the admin page (`by`: the
     *  signed-in admin, checked here). `forums`: slugs a moderator moderates; none: every forum. */
    setRole: async (pseudonym: string, role: string, opts: { forums?: string[] | null; by?: Actor | null } = {}) => {
      const by = "by" in opts ? (opts.by ?? null) : undefined;
      if (by !== undefined) {
        authorize(by, "admin.roles");
        // An admin cannot change their own role here: the last admin could lock everyone out.
        if (by.id === (await memberIdOf(deps.db, pseudonym))) throw new Invalid({ pseudonym: "admission.roles.notYourself" });
      }
      const member = await setRole(deps.db, pseudonym, role, opts.forums ?? null, by ? memberActor(by.id) : OPERATOR);
      await deps.live.closeMemberSockets(member.id);
      return member;
    },
    /** Moderators and admins with their forums, for the admin page. */
    staff: async (actor: Actor | null) => {
      authorize(actor, "admin.roles");
      return listStaff(deps.db);
    },
  };
}
