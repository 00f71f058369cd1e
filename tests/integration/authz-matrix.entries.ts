// The rows of the authorization matrix: what to request for each page and action, and which
// permission of server/authz/policy.ts decides it. A row's `forum` is the forum its target lives
// in (A: the forum the "moderator" persona moderates), null for targets outside every forum.
import type { Db } from "#db/client.ts";
import { allows, POLICY, type Permission } from "#server/authz/policy.ts";
import { openSocket } from "#tests/helpers/live-sockets.ts";
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
  /** A member who is no persona: the author of the content that is reported and moderated. */
  writer: { id: string; pseudonym: string };
  /** A new plain member (a target for suspensions and bans); `waiting` for approvals. */
  freshMember(opts?: { waiting?: boolean; banned?: boolean }): Promise<{ id: string; pseudonym: string }>;
}

export interface Entry {
  name: string;
  permission: Permission;
  forum?: "A" | "B" | null;
  run(persona: Persona, fx: Fixture): Promise<Response>;
  /** Only where a page's answer is not the rule alone (documented at the row). */
  expect?(persona: Persona): "allow" | "deny";
}

const act = (name: string, permission: Permission, forum: Entry["forum"], fields: (fx: Fixture) => Promise<Record<string, string>>, path = "/mod"): Entry => ({
  name: `POST ${path} ${name}`,
  permission,
  forum,
  run: async (p, fx) => p.client.post(path, await fields(fx)),
});

const page = (name: string, permission: Permission, path: string | ((fx: Fixture, p: Persona) => Promise<string>), forum?: Entry["forum"]): Entry => ({
  name: `GET ${name}`,
  permission,
  forum,
  run: async (p, fx) => p.client.get(typeof path === "string" ? path : await path(fx, p)),
});

/** A socket event, answered as a response would be: 200 for `{ok: true}`, 403 for a refusal or
 *  a refused handshake (no session, a waiting or banned member). */
function socketRow(name: string, event: "thread:watch" | "thread:unwatch"): Entry {
  return {
    name: `SOCKET ${name}`,
    permission: "forums.members",
    run: async (p, fx) => {
      const { threadId } = await fx.thread();
      const { socket, error } = await openSocket(p.client);
      if (error) return new Response(null, { status: 403 });
      try {
        const answer = await socket.timeout(5000).emitWithAck(event, { thread: threadId });
        return new Response(null, { status: answer.ok ? 200 : 403 });
      } finally {
        socket.disconnect();
      }
    },
  };
}

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
  page("/waiting", "waiting.view", "/waiting"),
  page("/logout (the sign-out page)", "session.end", "/logout"),
  {
    name: "POST /f/:forum/new (a new thread)",
    permission: "post.create",
    run: (p, fx) =>
      p.client.post(`/f/${fx.forumA.slug}/new`, {
        idempotencyKey: crypto.randomUUID(),
        intent: "post",
        title: "A new thread",
        body: "Hello.",
        contentWarning: "",
      }),
  },
  {
    name: "POST /t/:thread (a reply)",
    permission: "post.create",
    run: async (p, fx) =>
      p.client.post(`/t/${(await fx.thread()).threadId}`, { idempotencyKey: crypto.randomUUID(), intent: "post", body: "A reply.", contentWarning: "" }),
  },
  {
    name: "POST /p/:post/edit (one's own post)",
    permission: "post.editOwn",
    run: async (p, fx) => {
      const { postId } = await fx.thread(p.id ? p : fx.personas.member);
      return p.client.post(`/p/${postId}/edit`, { intent: "post", body: "Edited.", contentWarning: "" });
    },
  },
  {
    name: "POST /p/:post/report",
    permission: "report.create",
    run: async (p, fx) => p.client.post(`/p/${(await fx.thread()).postId}/report`, { reason: "harassment", note: "" }),
  },
  {
    name: "POST /t/:thread/report",
    permission: "report.create",
    run: async (p, fx) => p.client.post(`/t/${(await fx.thread()).threadId}/report`, { reason: "spam", note: "" }),
  },
  {
    name: "POST /members/:pseudonym/report",
    permission: "report.create",
    run: (p, fx) => p.client.post(`/members/${encodeURIComponent(fx.writer.pseudonym)}/report`, { reason: "harassment", note: "" }),
  },
  {
    name: "POST /t/:thread (block the author)",
    permission: "blocks.manage",
    run: async (p, fx) => p.client.post(`/t/${(await fx.thread()).threadId}`, { action: "block", pseudonym: fx.writer.pseudonym }),
  },
  page("/mod", "mod.queue", "/mod"),
  page("/mod/audit", "mod.audit", "/mod/audit"),
  page("/mod/posts/:post (forum A)", "mod.content", async (fx) => `/mod/posts/${(await fx.thread()).postId}`, "A"),
  page("/mod/threads/:thread (forum A)", "mod.content", async (fx) => `/mod/threads/${(await fx.thread()).threadId}`, "A"),
  page("/mod/members/:member", "mod.member", (fx) => Promise.resolve(`/mod/members/${fx.writer.id}`)),
  act("remove a post (forum A)", "mod.content", "A", async (fx) => ({ intent: "remove", postId: (await fx.thread()).postId, reasonText: "Matrix" })),
  act("hide a post (forum A)", "mod.content", "A", async (fx) => ({ intent: "hide", postId: (await fx.thread()).postId })),
  act("lock a thread (forum A)", "mod.content", "A", async (fx) => ({ intent: "lock", threadId: (await fx.thread()).threadId })),
  act("pin a thread (forum A)", "mod.content", "A", async (fx) => ({ intent: "pin", threadId: (await fx.thread()).threadId })),
  {
    ...act("move a thread from forum A to forum B", "mod.content", "A", async (fx) => ({
      intent: "move",
      threadId: (await fx.thread()).threadId,
      forum: fx.forumB.slug,
    })),
    // Moving needs both forums: the rule is asked about each.
    expect: (p) => (allows(POLICY["mod.content"], p.actor, fixtureForums.a) && allows(POLICY["mod.content"], p.actor, fixtureForums.b) ? "allow" : "deny"),
  },
  act("warn the author of a post (forum A)", "mod.warn", "A", async (fx) => {
    const { postId } = await fx.thread();
    return { intent: "warn", memberId: fx.writer.id, postId };
  }),
  act("suspend a member for a day", "mod.suspend", null, async (fx) => ({ intent: "suspend", memberId: (await fx.freshMember()).id, duration: "1" })),
  act("ban a member", "mod.ban", null, async (fx) => ({ intent: "ban", memberId: (await fx.freshMember()).id })),
  act("unban a member", "mod.ban", null, async (fx) => ({ intent: "unban", memberId: (await fx.freshMember({ banned: true })).id })),
  {
    name: "POST /mod/approvals/:member (let a waiting member in)",
    permission: "mod.approval",
    forum: null,
    run: async (p, fx) => p.client.post(`/mod/approvals/${(await fx.freshMember({ waiting: true })).id}`, { decision: "approve" }),
  },
  page("/admin", "admin.settings", "/admin"),
  page("/admin/settings", "admin.settings", "/admin/settings"),
  page("/admin/moderators", "admin.roles", "/admin/moderators"),
  page("/admin/invites", "admin.invites", "/admin/invites"),
  act("probation length (unchanged: 3)", "admin.settings", undefined, async () => ({ intent: "probation", posts: "3" }), "/admin/settings"),
  act(
    "make a member a moderator",
    "admin.roles",
    undefined,
    async (fx) => ({ pseudonym: (await fx.freshMember()).pseudonym, role: "moderator" }),
    "/admin/moderators",
  ),
  act("create an invite", "admin.invites", undefined, async () => ({ intent: "create", label: "" }), "/admin/invites"),
  page("/notifications/unread (the header's live count)", "notifications.read", "/notifications/unread"),
  socketRow("thread:watch (a thread in a members-only forum)", "thread:watch"),
  socketRow("thread:unwatch (a thread in a members-only forum)", "thread:unwatch"),
];

/** Forum ids for rows that ask the rule about more than one forum; set by the test file. */
export const fixtureForums = { a: "", b: "" };
