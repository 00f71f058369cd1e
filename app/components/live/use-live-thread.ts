// An open thread page, live (docs/realtime.md, "Live pages"): it watches its thread on every
// (re)connection, and after a reconnection reads its data again once, for what it missed while
// away. Pushed posts are merged into what the loader read: an edit or a restore replaces a post
// in place, a removal leaves a placeholder where it was, and a post not on the page is added in
// its place in time — on the thread's last page only, where new replies land. Nothing here moves
// what the reader is reading: posts are only ever added below the ones already shown, or replace
// one in place, and the count of new replies is a separate control (new-replies.tsx).
import { useEffect, useMemo, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import type { PostView } from "#app/components/thread-post.tsx";
import type { LivePost } from "#app/contracts/events.ts";
import type { Locale } from "#app/i18n/catalog.ts";
import { liveSocket, useLiveEvent, useLiveStatus, useOnConnect } from "#app/lib/live-socket.ts";
import { stamp } from "#app/lib/time.ts";

export interface LiveThreadOptions {
  threadId: string;
  /** The posts the loader read for this page, in order. */
  posts: PostView[];
  lastPage: boolean;
  /** The reader's pseudonym, and whom they block (their live posts are collapsed). */
  me: string | null;
  blocked: string[];
  locale: Locale;
  enabled: boolean;
}

interface Pushed {
  /** Posts as pushed, by id (edits and restores of posts on the page, and posts added). */
  posts: Map<string, PostView>;
  gone: Set<string>;
  /** Posts not on the page when it loaded, in order of arrival. */
  added: string[];
}

const empty = (): Pushed => ({ posts: new Map(), gone: new Set(), added: [] });

/** A pushed post as the page would render it for this reader. */
export function viewOf(post: LivePost, me: string | null, blocked: readonly string[], locale: Locale): PostView {
  return {
    id: post.id,
    author: post.author,
    mine: me !== null && post.author === me,
    bodyHtml: post.bodyHtml,
    contentWarning: post.contentWarning,
    status: "visible",
    blocked: post.author !== null && blocked.includes(post.author),
    attachments: post.attachments,
    created: stamp(new Date(post.createdAt), locale),
    edited: post.editedAt !== null,
  };
}

const at = (post: PostView) => post.created?.iso ?? "";

export function useLiveThread(opts: LiveThreadOptions) {
  const { threadId, posts, lastPage, enabled } = opts;
  const [pushed, setPushed] = useState(empty);
  /** New replies by others the reader has not been shown yet (ids, oldest first). */
  const [unseen, setUnseen] = useState<string[]>([]);
  const [acked, setAcked] = useState(false);
  const status = useLiveStatus(enabled);
  const revalidator = useRevalidator();
  const watchedBefore = useRef(false);
  const latest = useRef(opts);
  latest.current = opts;
  /** What the loader read last, and every post pushed: a post in neither is new to the reader. */
  const loadedIds = useRef(new Set(posts.map((p) => p.id)));
  const pushedIds = useRef(new Set<string>());

  useOnConnect((socket) => {
    socket.emit("thread:watch", { thread: threadId }, (answer) => {
      if (!answer.ok) return;
      setAcked(true);
      // A reconnection: whatever happened while the socket was away was not pushed to it.
      if (watchedBefore.current) void revalidator.revalidate();
      watchedBefore.current = true;
    });
  }, enabled);

  useEffect(() => {
    if (status !== "live") setAcked(false);
  }, [status]);

  useEffect(() => {
    if (!enabled) return;
    return () => {
      const socket = liveSocket();
      if (socket?.connected) socket.emit("thread:unwatch", { thread: threadId }, () => {});
    };
  }, [enabled, threadId]);

  // Fresh data from the loader supersedes what was pushed about the posts it now holds; replies
  // it brings that were never pushed (missed while the socket was away) are new replies too.
  useEffect(() => {
    const previous = loadedIds.current;
    loadedIds.current = new Set(posts.map((p) => p.id));
    const missed = posts.filter((p) => !previous.has(p.id) && !pushedIds.current.has(p.id) && !p.mine).map((p) => p.id);
    if (missed.length) setUnseen((ids) => [...ids, ...missed.filter((id) => !ids.includes(id))]);
    setPushed((before) => {
      const onPage = new Set(posts.map((p) => p.id));
      const next = empty();
      for (const id of before.added) if (!onPage.has(id)) next.added.push(id);
      for (const [id, post] of before.posts) if (!onPage.has(id)) next.posts.set(id, post);
      for (const id of before.gone) if (!onPage.has(id)) next.gone.add(id);
      return next;
    });
  }, [posts]);

  useLiveEvent(
    "thread:post",
    (post) => {
      if (post.threadId !== threadId) return;
      const { me, blocked, locale, posts: loaded } = latest.current;
      const view = viewOf(post, me, blocked, locale);
      pushedIds.current.add(post.id);
      setPushed((before) => {
        const next: Pushed = { posts: new Map(before.posts).set(post.id, view), gone: new Set(before.gone), added: before.added };
        next.gone.delete(post.id);
        const known = loaded.some((p) => p.id === post.id) || before.added.includes(post.id);
        if (!known) next.added = [...before.added, post.id];
        return next;
      });
      const onScreen = loaded.some((p) => p.id === post.id);
      // A new reply (after the last post on this page) by someone else is announced.
      const last = loaded.at(-1);
      if (!onScreen && !view.mine && (!last || at(view) >= at(last))) setUnseen((ids) => (ids.includes(post.id) ? ids : [...ids, post.id]));
    },
    enabled,
  );

  useLiveEvent(
    "thread:removed",
    (removed) => {
      if (removed.threadId !== threadId) return;
      setPushed((before) => ({ ...before, gone: new Set(before.gone).add(removed.postId) }));
      setUnseen((ids) => ids.filter((id) => id !== removed.postId));
    },
    enabled,
  );

  const shown = useMemo(() => merge(posts, pushed, lastPage), [posts, pushed, lastPage]);
  return {
    posts: shown,
    /** New replies not yet shown to the reader: on this page, or (not the last page) beyond it. */
    unseen: lastPage ? unseen.filter((id) => shown.some((p) => p.id === id)) : unseen,
    watching: acked && status === "live",
    markSeen: () => setUnseen([]),
  };
}

/** The page's posts with what was pushed: replaced in place, or added in order of time. */
function merge(loaded: PostView[], pushed: Pushed, lastPage: boolean): PostView[] {
  const apply = (post: PostView): PostView => {
    const fresh = pushed.posts.get(post.id) ?? post;
    return pushed.gone.has(post.id) ? { ...fresh, gone: true } : fresh;
  };
  const shown = loaded.map(apply);
  if (!lastPage || pushed.added.length === 0) return shown;
  // A post older than this page's first one belongs to an earlier page (a restore, say).
  const first = loaded[0];
  for (const id of pushed.added) {
    const post = pushed.posts.get(id);
    if (!post || (first && at(post) < at(first))) continue;
    const view = apply(post);
    const before = shown.findIndex((p) => at(p) > at(view));
    if (before === -1) shown.push(view);
    else shown.splice(before, 0, view);
  }
  return shown;
}
