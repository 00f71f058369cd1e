// Factories for forum content, through the same services the pages use.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import type { Actor } from "#server/authz/policy.ts";
import { forums, members } from "#db/schema.ts";
import { memoryThrottle, DEFAULT_LIMITS } from "#server/auth/throttle.ts";
import { createThread, reply } from "#server/forums/posting.ts";
import { makeMember } from "./members.ts";

export const relaxed = () => memoryThrottle({ ...DEFAULT_LIMITS, postsPerMinute: 10_000, signUps: 10_000 });

/** A member as services receive one (the session's Actor), from its id and role alone. */
export function asActor(member: Pick<Actor, "id" | "role"> & Partial<Actor>): Actor {
  return { status: "active", suspendedUntil: null, postingPaused: false, moderatedForums: null, ...member };
}

export async function viewerFor(db: Db, opts: Parameters<typeof makeMember>[1] = {}) {
  const m = await makeMember(db, opts);
  const [row] = await db.select({ id: members.id, role: members.role }).from(members).where(eq(members.id, m.memberId));
  return { ...m, viewer: asActor({ id: row!.id, role: row!.role }) };
}

export async function startThread(
  db: Db,
  viewer: Pick<Actor, "id" | "role"> & Partial<Actor>,
  opts: { forum?: string; title?: string; body?: string; contentWarning?: string } = {},
) {
  return createThread({ db, throttle: relaxed() }, asActor(viewer), opts.forum ?? "support", {
    title: opts.title ?? "A first thread",
    body: opts.body ?? "Hello, this is where I start.",
    contentWarning: opts.contentWarning ?? "",
    idempotencyKey: randomUUID(),
  });
}

export async function replyTo(db: Db, viewer: Pick<Actor, "id" | "role"> & Partial<Actor>, threadId: string, body: string) {
  return reply({ db, throttle: relaxed() }, asActor(viewer), threadId, { body, idempotencyKey: randomUUID() });
}

export async function makePublic(db: Db, slug: string) {
  await db.update(forums).set({ visibility: "public" }).where(eq(forums.slug, slug));
}
