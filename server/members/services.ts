// The members capability: a member's own preferences, and the administration the admin CLI (and
// later the admin pages) use. A role change closes the member's sockets on every node, so that
// they reconnect with what the database says now (ASVS 8.3.2).
import type { Locale } from "#app/i18n/catalog.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { createMember, listMembers, setRole } from "./admin.ts";
import { memberPreferences, openContentWarnings, setMemberLocale, setMemberPreferences } from "./preferences.ts";

export function createMemberServices(deps: ServiceDeps) {
  return {
    setLocale: (memberId: string, locale: Locale) => setMemberLocale(deps.db, memberId, locale),
    openContentWarnings: (memberId: string) => openContentWarnings(deps.db, memberId),
    preferences: (memberId: string) => memberPreferences(deps.db, memberId),
    setPreferences: (memberId: string, data: FormInput) => setMemberPreferences(deps.db, memberId, data),
    create: (input: { pseudonym: string; password: string; confirmPassword: string }) => createMember(deps.db, input),
    list: () => listMembers(deps.db),
    setRole: async (pseudonym: string, role: string) => {
      const member = await setRole(deps.db, pseudonym, role);
      await deps.live.closeMemberSockets(member.id);
      return member;
    },
  };
}
