// The rows of the authorization matrix: what to request for each page and action, and which
// permission of server/authz/policy.ts decides it. A row's `forum` is the forum its target lives
// in (A: the forum the "moderator" persona moderates), null for targets outside every forum.
import type { Db } from "#db/client.ts";
import type { Permission } from "#server/authz/policy.ts";
import type { Persona, PersonaName } from "#tests/helpers/personas.ts";

export interface Fixture {
  db: Db;
  forumA: { id: string; slug: string };
  forumB: { id: string; slug: string };
  personas: Record<PersonaName, Persona>;
  /** A new thread in forum A, with a post by `owner` when given (else its first post). */
  thread(owner?: Persona): Promise<{ threadId: string; postId: string }>;
  reply(threadId: string): Promise<string>;
  /** A post by `owner` in forum A, removed by a moderator, with the event `owner` is told. */
  removal(owner: Persona): Promise<{ eventId: string; postId: string; threadId: string }>;
  /** The plain member's appeal of a removal in forum A. */
  appeal(): Promise<string>;
}

export interface Entry {
  name: string;
  permission: Permission;
  forum?: "A" | "B" | null;
  run(persona: Persona, fx: Fixture): Promise<Response>;
  /** Only where a page's answer is not the rule alone (documented at the row). */
  expect?(persona: Persona): "allow" | "deny";
}

const page = (name: string, permission: Permission, path: string | ((fx: Fixture, p: Persona) => Promise<string>), forum?: Entry["forum"]): Entry => ({
  name: `GET ${name}`,
  permission,
  forum,
  run: async (p, fx) => p.client.get(typeof path === "string" ? path : await path(fx, p)),
});

export const MATRIX: Entry[] = [
  page("/help", "safety.read", "/help"),
  page("/safety", "safety.read", "/safety"),
  page("/forums", "forums.read", "/forums"),
  page("/f/:members-only", "forums.members", (fx) => Promise.resolve(`/f/${fx.forumA.slug}`)),
  page("/t/:thread (members-only forum)", "forums.members", async (fx) => `/t/${(await fx.thread()).threadId}`),
  page("/settings", "settings.own", "/settings"),
  page("/notifications", "notifications.read", "/notifications"),
  page("/settings/moderation", "history.read", "/settings/moderation"),
  {
    name: "POST /settings/moderation (appeal a removal)",
    permission: "appeal.create",
    run: async (p, fx) => {
      // Everyone appeals an event of their own; the signed-out and the waiting appeal the member's.
      const { eventId } = await fx.removal(p.id && p.actor?.status !== "waiting" ? p : fx.personas.member);
      return p.client.post("/settings/moderation", { eventId, note: "I think this was a mistake." });
    },
  },
  page("/mod/appeals/:appeal (a removal in forum A)", "mod.appeal", async (fx) => `/mod/appeals/${await fx.appeal()}`, "A"),
  {
    name: "POST /mod/appeals/:appeal (decide)",
    permission: "mod.appeal",
    forum: "A",
    run: async (p, fx) => p.client.post(`/mod/appeals/${await fx.appeal()}`, { outcome: "upheld", response: "" }),
    // Nobody decides their own appeal; the appellant here is the plain member, denied anyway.
  },
];
