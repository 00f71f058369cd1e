// The people of the authorization matrix, each a real account signed in over HTTP (or nobody),
// put into their standing with the database as the moderation code would: a member, one on
// probation, one waiting for approval, a suspended one, a banned one (whose old cookie no longer
// signs in), a moderator of another forum, a moderator of the forum concerned, a moderator of
// every forum and an admin. `actor` is what server/authz/policy.ts is asked about.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { members, moderatorForums } from "#db/schema.ts";
import type { Actor } from "#server/authz/policy.ts";
import { Browserless } from "./http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "./members.ts";

export const PERSONAS = [
  "anonymous",
  "member",
  "probation",
  "waiting",
  "suspended",
  "banned",
  "otherForumModerator",
  "moderator",
  "globalModerator",
  "admin",
] as const;
export type PersonaName = (typeof PERSONAS)[number];

export interface Persona {
  name: PersonaName;
  client: Browserless;
  /** Null for the anonymous visitor. */
  actor: Actor | null;
  id: string | null;
  pseudonym: string | null;
}

type Standing = Partial<typeof members.$inferInsert> & { forums?: string[] };

const STANDING: Record<Exclude<PersonaName, "anonymous">, (forumA: string, forumB: string) => Standing> = {
  member: () => ({ approvedPosts: 10 }),
  probation: () => ({ approvedPosts: 0 }),
  waiting: () => ({ status: "waiting" }),
  suspended: () => ({ status: "suspended", suspendedUntil: new Date(Date.now() + 7 * 86_400_000), approvedPosts: 10 }),
  banned: () => ({ status: "banned", approvedPosts: 10 }),
  otherForumModerator: (_a, b) => ({ role: "moderator", forums: [b] }),
  moderator: (a) => ({ role: "moderator", forums: [a] }),
  globalModerator: () => ({ role: "moderator" }),
  admin: () => ({ role: "admin" }),
};

/** `forumA`: the forum the matrix's content lives in; `forumB`: another one. */
export async function makePersonas(db: Db, base: string, forumA: string, forumB: string): Promise<Record<PersonaName, Persona>> {
  const out = { anonymous: { name: "anonymous", client: new Browserless(base), actor: null, id: null, pseudonym: null } } as Record<PersonaName, Persona>;
  for (const name of PERSONAS) {
    if (name === "anonymous") continue;
    const client = new Browserless(base);
    const pseudonym = uniquePseudonym(name.slice(0, 6));
    const res = await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
    if (res.status !== 200) throw new Error(`joining as ${name} answered ${res.status}`);
    const [row] = await db.select({ id: members.id }).from(members).where(eq(members.pseudonym, pseudonym));
    const { forums, ...standing } = STANDING[name](forumA, forumB);
    await db.update(members).set(standing).where(eq(members.id, row!.id));
    if (forums) await db.insert(moderatorForums).values(forums.map((forumId) => ({ memberId: row!.id, forumId })));
    out[name] = { name, client, actor: null, id: row!.id, pseudonym };
  }
  const ids = Object.values(out).flatMap((p) => (p.id ? [p.id] : []));
  const rows = await db.select().from(members).where(inArray(members.id, ids));
  const scopes = await db.select().from(moderatorForums).where(inArray(moderatorForums.memberId, ids));
  for (const persona of Object.values(out)) {
    const row = rows.find((r) => r.id === persona.id);
    if (!row) continue;
    const forums = scopes.filter((s) => s.memberId === row.id).map((s) => s.forumId);
    persona.actor = {
      id: row.id,
      role: row.role,
      status: row.status,
      suspendedUntil: row.suspendedUntil,
      postingPaused: row.postingPausedAt !== null,
      moderatedForums: forums.length ? forums : null,
    };
  }
  return out;
}
