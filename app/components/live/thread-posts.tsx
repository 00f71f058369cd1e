// A thread page's list of posts, kept live for a signed-in reader with JavaScript on (see
// use-live-thread.ts). Without JavaScript, or signed out, it is the list the server rendered.
// `data-live` says when the page is watching its thread (what a test waits for).
import { useEffect, useState } from "react";
import { type PostContext, ThreadPost, type PostView } from "#app/components/thread-post.tsx";
import { useLocale } from "#app/i18n/use-t.ts";
import { NewReplies } from "./new-replies.tsx";
import { useLiveThread } from "./use-live-thread.ts";

export interface ThreadPostsProps {
  threadId: string;
  posts: PostView[];
  lastPage: boolean;
  me: string | null;
  blocked: string[];
  context: PostContext;
}

export function ThreadPosts(props: ThreadPostsProps) {
  const locale = useLocale();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const live = useLiveThread({ ...props, locale, enabled: props.context.signedIn && props.me !== null });
  return (
    <>
      <ol className="posts" data-live={live.watching ? "watching" : undefined}>
        {live.posts.map((post) => (
          <ThreadPost key={post.id} post={post} context={props.context} />
        ))}
      </ol>
      {hydrated && props.context.signedIn ? (
        <NewReplies threadId={props.threadId} unseen={live.unseen} lastPage={props.lastPage} onShown={live.markSeen} />
      ) : null}
    </>
  );
}
