// The live-thread benchmark's open thread pages, in a process of their own (tests/bench/
// live-thread.ts starts it and steers it over IPC): sockets that each watch one thread, as an
// open thread page does (thread:watch), and the replies that are posted to it through the form,
// as a member posts one. Each reply is timed from the moment its POST is sent to the moment
// each page is pushed it (thread:post).
import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { LivePost } from "#app/contracts/events.ts";
import { Histogram } from "./histogram.ts";
import { letters } from "./letters.ts";

export type WatchersCommand =
  | { type: "connect"; targets: Array<{ url: string; cookies: string[] }>; thread: string }
  | { type: "post"; url: string; authors: string[]; replies: number; warmup: number; gapMs: number }
  | { type: "exit" };

const now = () => performance.now();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let sockets: Socket[] = [];
let thread = "";
const posted = new Map<string, { at: number; reached: number; measured: boolean }>();
let reach = new Histogram();

function onPost(post: LivePost) {
  const token = post.bodyHtml.match(/Reply ([a-z]+) from the bench/)?.[1];
  const sent = token ? posted.get(token) : undefined;
  if (!sent) return;
  sent.reached++;
  if (sent.measured) reach.add(now() - sent.at);
}

async function connectAll(targets: Array<{ url: string; cookies: string[] }>) {
  const started = now();
  const plan = targets.flatMap((t) => t.cookies.map((cookie) => ({ url: t.url, cookie })));
  let refused = 0;
  for (let i = 0; i < plan.length; i += 50) {
    const batch = plan.slice(i, i + 50).map(async ({ url, cookie }) => {
      const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie, origin: url }, reconnection: false, forceNew: true, timeout: 30_000 });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const watched = await socket.timeout(30_000).emitWithAck("thread:watch", { thread });
      if (!watched.ok) throw new Error(watched.error);
      socket.on("thread:post", onPost);
      return socket;
    });
    for (const r of await Promise.allSettled(batch)) r.status === "fulfilled" ? sockets.push(r.value) : refused++;
  }
  return { watching: sockets.length, refused, ms: Math.round(now() - started) };
}

/** `warmup` replies first, not counted: the first renders (jsdom, the JIT) are slower. */
async function postReplies(url: string, authors: string[], replies: number, warmup: number, gapMs: number) {
  reach = new Histogram();
  const requests = new Histogram();
  const statuses = new Map<number, number>();
  let complete = 0;
  for (let i = 0; i < warmup + replies; i++) {
    const token = letters(i + 1000);
    const measured = i >= warmup;
    const entry = { at: now(), reached: 0, measured };
    posted.set(token, entry);
    const res = await fetch(`${url}/t/${thread}`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "null", "sec-fetch-site": "same-origin", cookie: authors[i % authors.length]! },
      body: new URLSearchParams({ idempotencyKey: randomUUID(), intent: "post", body: `Reply ${token} from the bench: a few words, as a reply has.` }),
    });
    if (measured) requests.add(now() - entry.at);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const until = now() + 5000;
    while (entry.reached < sockets.length && now() < until) await pause(5);
    if (measured && entry.reached >= sockets.length) complete++;
    await pause(gapMs);
  }
  return { replies, pages: sockets.length, reachedAll: complete, reach: reach.summary(), post: requests.summary(), statuses: Object.fromEntries(statuses) };
}

process.on("message", async (command: WatchersCommand) => {
  if (command.type === "connect") {
    thread = command.thread;
    process.send!({ type: "ready", ...(await connectAll(command.targets)) });
  } else if (command.type === "post") {
    process.send!({ type: "result", ...(await postReplies(command.url, command.authors, command.replies, command.warmup, command.gapMs)) });
  } else {
    for (const s of sockets) s.disconnect();
    sockets = [];
    process.exit(0);
  }
});
