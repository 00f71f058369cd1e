// Live thread pages' socket events (docs/realtime.md, "Live pages"). An open thread page watches
// its thread: the socket joins the thread's room, where new replies, edits and removals are
// pushed once they commit (server/forums/live-posts.ts). Only a thread the member may read now,
// asked exactly as its page asks (findThread): one they cannot read is not there (NotFound).
import { z } from "zod";
import { liveRoom } from "#server/live.ts";
import { handle, type HandlerDeps, type HearthSocket } from "./handle.ts";

const threadRequest = z.object({ thread: z.string().min(1).max(64) }).strict();

export function threadHandlers(deps: HandlerDeps, socket: HearthSocket) {
  handle(deps, socket, "thread:watch", threadRequest, async ({ actor }, { thread }) => {
    await deps.services.forums.readableThread(actor, thread);
    await socket.join(liveRoom({ thread }));
    return { reply: {} };
  });
  // Leaving needs no check: it only stops pushes this socket asked for.
  handle(deps, socket, "thread:unwatch", threadRequest, async (_ctx, { thread }) => {
    await socket.leave(liveRoom({ thread }));
    return { reply: {} };
  });
}
