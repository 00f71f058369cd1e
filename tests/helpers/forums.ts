// Factories for forum content, through the same services the pages use.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { forums, members } from "#db/schema.ts";
import { memoryThrottle, DEFAULT_LIMITS } from "#server/auth/throttle.ts";
import { createThread, reply } from "#server/forums/posting.ts";
import { makeMember } from "./members.ts";

export const relaxed = () => memoryThrottle({ ...DEFAULT_LIMITS, postsPerMinute: 10_000, signUps: 10_000 });

export async function viewerFor(db: Db, opts: Parameters<typeof makeMember>[1] = {}) {
  const m = await makeMember(db, opts);
  const [row] = await db.select({ id: members.id, role: members.role }).from(members).where(eq(members.id, m.memberId));
  return { ...m, viewer: { id: row!.id, role: row!.role } };
}

export async function startThread(
  db: Db,
  viewer: { id: string; role: "member" | "moderator" | "admin" },
  opts: { forum?: string; title?: string; body?: string; contentWarning?: string } = {},
) {
  return createThread({ db, throttle: relaxed() }, viewer, opts.forum ?? "support", {
    title: opts.title ?? "A first thread",
    body: opts.body ?? "Hello, this is where I start.",
    contentWarning: opts.contentWarning ?? "",
    idempotencyKey: randomUUID(),
  });
}

export async function replyTo(db: Db, viewer: { id: string; role: "member" | "moderator" | "admin" }, threadId: string, body: string) {
  return reply({ db, throttle: relaxed() }, viewer, threadId, { body, idempotencyKey: randomUUID() });
}

export async function makePublic(db: Db, slug: string) {
  await db.update(forums).set({ visibility: "public" }).where(eq(forums.slug, slug));
}
