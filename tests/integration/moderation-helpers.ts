// Factories for the moderation tests: members with a role (and chosen forums), read back as the
// Actor the session query would hand the services, and a signed-in HTTP client for them.
import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { forums, members, moderatorForums } from "#db/schema.ts";
import type { VisitorMember } from "#app/contracts/visitor.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { makeMember } from "#tests/helpers/members.ts";

export async function actorOf(db: Db, memberId: string): Promise<VisitorMember> {
  const [row] = await db
    .select({
      id: members.id,
      pseudonym: members.pseudonym,
      role: members.role,
      status: members.status,
      suspendedUntil: members.suspendedUntil,
      postingPaused: sql<boolean>`${members.postingPausedAt} is not null`,
      moderatedForums: sql<string[] | null>`(select array_agg(forum_id) from moderator_forums where member_id = ${members.id})`,
    })
    .from(members)
    .where(eq(members.id, memberId));
  return row!;
}

export async function forumId(db: Db, slug: string) {
  const [row] = await db.select({ id: forums.id }).from(forums).where(eq(forums.slug, slug));
  return row!.id;
}

/** A member with a role; a moderator of `forums` (slugs) only, or of every forum without. */
export async function person(db: Db, role: "member" | "moderator" | "admin" = "member", forumSlugs: string[] = []) {
  const made = await makeMember(db);
  if (role !== "member") await db.update(members).set({ role }).where(eq(members.id, made.memberId));
  for (const slug of forumSlugs) await db.insert(moderatorForums).values({ memberId: made.memberId, forumId: await forumId(db, slug) });
  return { ...made, id: made.memberId, actor: () => actorOf(db, made.memberId) };
}

export async function signIn(url: string, who: { pseudonym: string; password: string }) {
  const client = new Browserless(url);
  const res = await client.post("/login", { pseudonym: who.pseudonym, password: who.password });
  if (res.status !== 302) throw new Error(`sign-in failed: ${res.status}`);
  return client;
}
