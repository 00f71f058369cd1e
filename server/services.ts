// The services handed to loaders and actions through React Router's context (and used by the
// socket handlers and the CLI): plain functions bound to their dependencies once, at start.
import type { Db } from "#db/client.ts";
import { signIn, signUp } from "./auth/accounts.ts";
import type { AuthDeps } from "./auth/deps.ts";
import { changePassphrase } from "./auth/passphrase-change.ts";
import { pseudonymIdeas } from "./auth/pseudonym-ideas.ts";
import { unusedCodeCount } from "./auth/recovery-codes.ts";
import { recoverAccount, regenerateRecoveryCodes } from "./auth/recovery.ts";
import { invalidateMemberSessions, invalidateSession, listSessions } from "./auth/session.ts";
import { setMemberLocale } from "./members/preferences.ts";
import { listForums } from "./forums/list.ts";
import type { Locale } from "#app/i18n/catalog.ts";

type FormInput = FormData | Record<string, unknown>;

export function createServices(deps: AuthDeps) {
  const end = (ids: string[]) => {
    if (ids.length) deps.endSessions?.(ids);
    return ids.length;
  };
  return {
    auth: {
      signUp: (data: FormInput, clientKey: string) => signUp(deps, data, clientKey),
      signIn: (data: FormInput, clientKey: string) => signIn(deps, data, clientKey),
      recover: (data: FormInput, clientKey: string) => recoverAccount(deps, data, clientKey),
      pseudonymIdeas: () => pseudonymIdeas(),
      signOut: async (sessionId: string) => {
        await invalidateSession(deps.db, sessionId);
        end([sessionId]);
      },
      listSessions: (memberId: string) => listSessions(deps.db, memberId),
      endSession: async (memberId: string, sessionId: string) => {
        // Scoped to the member: a session id from someone else's account ends nothing (ASVS 8.2.2).
        const sessions = await listSessions(deps.db, memberId);
        if (!sessions.some((s) => s.id === sessionId)) return 0;
        await invalidateSession(deps.db, sessionId);
        return end([sessionId]);
      },
      endOtherSessions: async (memberId: string, keep: string) => end(await invalidateMemberSessions(deps.db, memberId, keep)),
      changePassphrase: (who: { memberId: string; pseudonym: string; sessionId: string }, data: FormInput, clientKey: string) =>
        changePassphrase(deps, who, data, clientKey),
      regenerateRecoveryCodes: (memberId: string, data: FormInput, clientKey: string) => regenerateRecoveryCodes(deps, memberId, data, clientKey),
      unusedCodeCount: (memberId: string) => unusedCodeCount(deps.db, memberId),
    },
    members: {
      setLocale: (memberId: string, locale: Locale) => setMemberLocale(deps.db, memberId, locale),
    },
    forums: {
      list: () => listForums(deps.db),
    },
  };
}

export type HearthServices = ReturnType<typeof createServices>;
export type { Db };
