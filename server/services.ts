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
import { memberPreferences, openContentWarnings, setMemberLocale, setMemberPreferences } from "./members/preferences.ts";
import { planQuickExit, type QuickExitVisitor } from "./members/quick-exit.ts";
import { helpResources } from "./settings/public.ts";
import { readSetting, writeSetting } from "./settings/store.ts";
import type { SettingKey } from "./settings/keys.ts";
import { listForums } from "./forums/list.ts";
import { forumPage } from "./forums/forum-page.ts";
import { findAttachment, threadPage } from "./forums/thread-page.ts";
import { createThread, reply } from "./forums/posting.ts";
import { deletePost, editPost, ownPost } from "./forums/editing.ts";
import { previewPost } from "./forums/preview.ts";
import { listNotifications, markAllRead, unreadCount } from "./forums/notifications.ts";
import { block, unblock } from "./forums/blocking.ts";
import { reportablePost, reportPost } from "./forums/reports.ts";
import { searchPosts } from "./forums/search.ts";
import type { Upload } from "./forums/compose.ts";
import type { Viewer } from "./forums/viewer.ts";
import type { Locale } from "#app/i18n/catalog.ts";

type FormInput = FormData | Record<string, unknown>;

export function createServices(deps: AuthDeps & { onMentioned?: (memberIds: string[]) => void }) {
  const posting = { db: deps.db, throttle: deps.throttle, onMentioned: deps.onMentioned };
  type Member = NonNullable<Viewer>;
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
      openContentWarnings: (memberId: string) => openContentWarnings(deps.db, memberId),
      preferences: (memberId: string) => memberPreferences(deps.db, memberId),
      setPreferences: (memberId: string, data: FormInput) => setMemberPreferences(deps.db, memberId, data),
    },
    safety: {
      planQuickExit: (visitor: QuickExitVisitor) => planQuickExit(deps.db, visitor),
      helpResources: (list: Locale) => helpResources(deps.db, list),
    },
    settings: {
      get: <K extends SettingKey>(key: K) => readSetting(deps.db, key),
      set: (key: string, value: unknown) => writeSetting(deps.db, key, value),
    },
    forums: {
      list: (viewer: Viewer) => listForums(deps.db, viewer),
      forumPage: (viewer: Viewer, slug: string, page: number) => forumPage(deps.db, viewer, slug, page),
      threadPage: (viewer: Viewer, threadId: string, page: number | "last") => threadPage(deps.db, viewer, threadId, page),
      attachment: (viewer: Viewer, attachmentId: string) => findAttachment(deps.db, viewer, attachmentId),
      createThread: (member: Member, slug: string, data: FormInput, upload?: Upload | null) => createThread(posting, member, slug, data, upload),
      reply: (member: Member, threadId: string, data: FormInput, upload?: Upload | null) => reply(posting, member, threadId, data, upload),
      ownPost: (member: Member, postId: string) => ownPost(deps.db, member, postId),
      editPost: (member: Member, postId: string, data: FormInput) => editPost(deps.db, member, postId, data),
      deletePost: (member: Member, postId: string) => deletePost(deps.db, member, postId),
      reportablePost: (member: Member, postId: string) => reportablePost(deps.db, member, postId),
      reportPost: (member: Member, postId: string, data: FormInput) => reportPost(deps.db, member, postId, data),
      search: (viewer: Viewer, q: string, page: number) => searchPosts(deps.db, viewer, q, page),
    },
    media: {
      preview: (memberId: string, body: string) => previewPost(memberId, body),
    },
    notifications: {
      unreadCount: (memberId: string) => unreadCount(deps.db, memberId),
      list: (memberId: string) => listNotifications(deps.db, memberId),
      markAllRead: (memberId: string) => markAllRead(deps.db, memberId),
    },
    blocks: {
      block: (memberId: string, pseudonym: string) => block(deps.db, memberId, pseudonym),
      unblock: (memberId: string, pseudonym: string) => unblock(deps.db, memberId, pseudonym),
    },
  };
}

export type HearthServices = ReturnType<typeof createServices>;
export type { Db };
