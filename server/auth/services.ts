// The auth capability: joining, signing in and out, sessions, recovery, passphrase changes.
// Ending sessions also closes their sockets, through the Live port (ASVS 7.4.x).
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { signIn, signUp } from "./accounts.ts";
import type { AuthDeps } from "./deps.ts";
import { changePassphrase } from "./passphrase-change.ts";
import { pseudonymIdeas } from "./pseudonym-ideas.ts";
import { currentCodes, unusedCodeCount } from "./recovery-codes.ts";
import { recoverAccount, regenerateRecoveryCodes } from "./recovery.ts";
import { JOB_LOCKS, onOneNode } from "#server/jobs/one-node.ts";
import { audit, SYSTEM } from "#server/moderation/audit.ts";
import { deleteExpiredSessions, invalidateMemberSessions, invalidateSession, listSessions, validateSessionToken } from "./session.ts";

export function createAuthServices(deps: ServiceDeps) {
  const auth: AuthDeps = { db: deps.db, throttle: deps.throttle, endSessions: (ids) => void deps.live.endSessions(ids) };
  const end = async (ids: string[]) => {
    await deps.live.endSessions(ids);
    return ids.length;
  };
  return {
    signUp: (data: FormInput, clientKey: string) => signUp(auth, data, clientKey),
    signIn: (data: FormInput, clientKey: string) => signIn(auth, data, clientKey),
    recover: (data: FormInput, clientKey: string) => recoverAccount(auth, data, clientKey),
    pseudonymIdeas: () => pseudonymIdeas(),
    /** The session and member behind a cookie's token, or null; pages and sockets both ask this. */
    validateSession: (token: string) => validateSessionToken(deps.db, token),
    signOut: async (sessionId: string) => {
      await invalidateSession(deps.db, sessionId);
      await end([sessionId]);
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
    changePassphrase: (who: { memberId: string; pseudonym: string; sessionId: string; sessionToken?: string | null }, data: FormInput, clientKey: string) =>
      changePassphrase(auth, who, data, clientKey),
    /** `sessionToken`: the asking session's, so a log made now (a member who had none) opens in it. */
    regenerateRecoveryCodes: (memberId: string, data: FormInput, clientKey: string, sessionToken?: string | null) =>
      regenerateRecoveryCodes(auth, memberId, data, clientKey, sessionToken ?? undefined),
    unusedCodeCount: (memberId: string) => unusedCodeCount(deps.db, memberId),
    /** The codes a page sends back, as first shown, if they are all ten of this member's unused
     *  ones (so the page that showed them may show them again in another language); else null. */
    currentCodes: (memberId: string, codes: readonly string[]) => currentCodes(deps.db, memberId, codes),
    /** Deletes sessions past their expiry; returns how many (scheduled by session-cleanup.ts). */
    // Their sockets close too: one open on a quiet page would otherwise go on receiving.
    /** Expired sessions sign nobody in; their rows go within the hour, one node at a time, with
     *  an audit row counting them (issue 12's retention). Null when another node is at it. */
    deleteExpiredSessions: (now?: Date) =>
      onOneNode(deps.db, JOB_LOCKS.sessionCleanup, async () => {
        const ids = await deleteExpiredSessions(deps.db, now);
        if (ids.length) await audit(deps.db, SYSTEM, { action: "privacy.retention", detail: { expiredSessions: ids.length } });
        return end(ids);
      }),
  };
}
