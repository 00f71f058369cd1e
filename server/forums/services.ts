// The forums capability: forums, threads and posts, with their notifications and blocks. A new
// mention reaches the mentioned member's open screens through the Live port; a reply, an edit or
// a deletion reaches the thread's open pages (live-posts.ts), once its transaction has committed.
import { authorized, type Actor } from "#server/authz/policy.ts";
import { NotFound } from "#server/errors.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { block, blockedIds, blockedPseudonyms, unblock } from "./blocking.ts";
import type { Upload } from "./compose.ts";
import { deletePost, editPost, ownPost } from "./editing.ts";
import { setForumVisibility } from "./forum-admin.ts";
import { forumPage } from "./forum-page.ts";
import { listForums } from "./list.ts";
import { pushPostChanges } from "./live-posts.ts";
import { listNotifications, markAllRead, unreadCount } from "./notifications.ts";
import { createThread, reply, type PostingDeps } from "./posting.ts";
import { searchPosts } from "./search.ts";
import { findAttachment, findThread, threadPage } from "./thread-page.ts";
import type { Viewer } from "./viewer.ts";

type Member = NonNullable<Viewer>;

export function createForumServices(deps: ServiceDeps) {
  const posting: PostingDeps = {
    db: deps.db,
    throttle: deps.throttle,
    onMentioned: (memberIds) => void Promise.all(memberIds.map((member) => deps.live.push({ member }, "notifications:new"))),
  };
  const pushed = (changes: Parameters<typeof pushPostChanges>[1]) => pushPostChanges(deps, changes);
  const forums = {
    list: (viewer: Viewer) => listForums(deps.db, viewer),
    forumPage: (viewer: Viewer, slug: string, page: number) => forumPage(deps.db, viewer, slug, page),
    threadPage: (viewer: Viewer, threadId: string, page: number | "last") => threadPage(deps.db, viewer, threadId, page),
    attachment: (viewer: Viewer, attachmentId: string) => findAttachment(deps.db, viewer, attachmentId),
    createThread: (member: Actor, slug: string, data: FormInput, upload?: Upload | null) => createThread(posting, member, slug, data, upload),
    /** Throws NotFound unless the viewer may read the thread now (as its page would show it). */
    readableThread: async (viewer: Viewer, threadId: string) => {
      if (!(await findThread(deps.db, viewer, threadId))) throw new NotFound();
    },
    reply: async (member: Actor, threadId: string, data: FormInput, upload?: Upload | null) => {
      const posted = await reply(posting, member, threadId, data, upload);
      // A waiting reply reaches nobody; a repeated form already pushed its post the first time.
      if (!posted.pending && !posted.repeated) await pushed({ shown: [posted.postId] });
      return posted;
    },
    ownPost: (member: Member, postId: string) => ownPost(deps.db, member, postId),
    editPost: async (member: Actor, postId: string, data: FormInput) => {
      const edited = await editPost(deps.db, member, postId, data);
      // An edit that now waits for a moderator takes the post out of view until it is approved.
      if (!edited.pending) await pushed({ shown: [edited.postId] });
      else if (edited.wasVisible) await pushed({ gone: [{ threadId: edited.threadId, postId: edited.postId }] });
      return edited;
    },
    deletePost: async (member: Member, postId: string) => {
      const deleted = await deletePost(deps.db, member, postId);
      if (deleted.wasVisible) await pushed({ gone: [{ threadId: deleted.threadId, postId: deleted.postId }] });
      return deleted;
    },
    search: (viewer: Viewer, q: string, page: number) => searchPosts(deps.db, viewer, q, page),
    setVisibility: (slug: string, visibility: string) => setForumVisibility(deps.db, slug, visibility),
  };
  const notifications = {
    unreadCount: (memberId: string) => unreadCount(deps.db, memberId),
    list: (actor: Actor | null) => listNotifications(deps.db, authorized(actor, "notifications.read").id),
    markAllRead: (actor: Actor | null) => markAllRead(deps.db, authorized(actor, "notifications.read").id),
  };
  // A block changes which chat messages reach the blocker's open screens: their sockets close
  // and reconnect, joining the `hides` rooms of whom they block now (server/live.ts).
  const reconnect = (memberId: string) => deps.live.closeMemberSockets(memberId).catch(() => undefined);
  const blocks = {
    block: async (actor: Actor | null, pseudonym: string) => {
      const me = authorized(actor, "blocks.manage").id;
      await block(deps.db, me, pseudonym);
      await reconnect(me);
    },
    unblock: async (actor: Actor | null, pseudonym: string) => {
      const me = authorized(actor, "blocks.manage").id;
      await unblock(deps.db, me, pseudonym);
      await reconnect(me);
    },
    blockedIds: (memberId: string) => blockedIds(deps.db, memberId),
    /** Whom a member blocks, by pseudonym: an open thread collapses their live posts. */
    blockedPseudonyms: (memberId: string) => blockedPseudonyms(deps.db, memberId),
  };
  return { forums, notifications, blocks };
}
