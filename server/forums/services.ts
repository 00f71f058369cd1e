// The forums capability: forums, threads and posts, with their notifications and blocks. A new
// mention reaches the mentioned member's open screens through the Live port.
import { authorized, type Actor } from "#server/authz/policy.ts";
import type { FormInput, ServiceDeps } from "#server/service-deps.ts";
import { block, blockedIds, unblock } from "./blocking.ts";
import type { Upload } from "./compose.ts";
import { deletePost, editPost, ownPost } from "./editing.ts";
import { setForumVisibility } from "./forum-admin.ts";
import { forumPage } from "./forum-page.ts";
import { listForums } from "./list.ts";
import { listNotifications, markAllRead, unreadCount } from "./notifications.ts";
import { createThread, reply, type PostingDeps } from "./posting.ts";
import { searchPosts } from "./search.ts";
import { findAttachment, threadPage } from "./thread-page.ts";
import type { Viewer } from "./viewer.ts";

type Member = NonNullable<Viewer>;

export function createForumServices(deps: ServiceDeps) {
  const posting: PostingDeps = {
    db: deps.db,
    throttle: deps.throttle,
    onMentioned: (memberIds) => void Promise.all(memberIds.map((member) => deps.live.push({ member }, "notifications:new"))),
  };
  const forums = {
    list: (viewer: Viewer) => listForums(deps.db, viewer),
    forumPage: (viewer: Viewer, slug: string, page: number) => forumPage(deps.db, viewer, slug, page),
    threadPage: (viewer: Viewer, threadId: string, page: number | "last") => threadPage(deps.db, viewer, threadId, page),
    attachment: (viewer: Viewer, attachmentId: string) => findAttachment(deps.db, viewer, attachmentId),
    createThread: (member: Actor, slug: string, data: FormInput, upload?: Upload | null) => createThread(posting, member, slug, data, upload),
    reply: (member: Actor, threadId: string, data: FormInput, upload?: Upload | null) => reply(posting, member, threadId, data, upload),
    ownPost: (member: Member, postId: string) => ownPost(deps.db, member, postId),
    editPost: (member: Actor, postId: string, data: FormInput) => editPost(deps.db, member, postId, data),
    deletePost: (member: Member, postId: string) => deletePost(deps.db, member, postId),
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
  };
  return { forums, notifications, blocks };
}
