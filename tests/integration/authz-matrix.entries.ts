// The rows of the authorization matrix: what to request for each page and action, and which
// permission of server/authz/policy.ts decides it. A row's `forum` is the forum its target lives
// in (A: the forum the "moderator" persona moderates), null for targets outside every forum.
import type { ClientToServerEvents } from "#app/contracts/events.ts";
import type { Db } from "#db/client.ts";
import { allows, POLICY, type Permission } from "#server/authz/policy.ts";
import { DEFAULT_TAKEDOWN } from "#server/evidence/takedown.ts";
import { GOOD_PASSPHRASE } from "#tests/helpers/members.ts";
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
  /** Opens a socket as `persona` (none for a refused handshake), emits one chat event and
   *  answers its acknowledgement, or `{ok: false}` when there was no connection. */
  emit(persona: Persona, event: ChatEvent, payload: Record<string, unknown>): Promise<{ ok: boolean }>;
  /** A new message in the lounge by the writer: its public id. */
  message(): Promise<string>;
  /** Whether members on probation may write in chat (setting chat.probation_writes). */
  probationWrites(on: boolean): Promise<void>;
}

export type ChatEvent = Exclude<keyof ClientToServerEvents, "session:check" | "thread:watch" | "thread:unwatch">;

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

/** A socket event as a row: its acknowledgement as a synthetic answer, 200 for `{ok: true}` and
 *  403 for a refusal or no connection at all, so the same outcome rule applies. */
const socket = (
  event: ChatEvent,
  what: string,
  permission: Permission,
  payload: (fx: Fixture, p: Persona) => Promise<Record<string, unknown>>,
  opts: { probationWrites?: boolean; expect?: Entry["expect"] } = {},
): Entry => ({
  name: `socket ${event} ${what}`,
  permission,
  expect: opts.expect,
  run: async (p, fx) => {
    if (opts.probationWrites !== undefined) await fx.probationWrites(opts.probationWrites);
    const ack = await fx.emit(p, event, await payload(fx, p));
    return new Response(null, { status: ack.ok ? 200 : 403 });
  },
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
      if (error) return new Response(null, { status: 403, headers: { location: `(handshake refused: ${error.message})` } });
      try {
        const answer = await socket.timeout(5000).emitWithAck(event, { thread: threadId });
        // A refusal's words go where a redirect's target would, for the mismatch's message.
        return new Response(null, answer.ok ? { status: 200 } : { status: 403, headers: { location: `(refused: ${answer.error})` } });
      } finally {
        socket.disconnect();
      }
    },
  };
}

const EVIDENCE_FIELDS = { platform: "telegram", place: "A channel", links: "https://t.me/example/1", status: "reported", timeZone: "UTC" };

/** A new entry in `owner`'s own evidence log, added through the page (its id from the redirect). */
async function evidenceEntry(owner: Persona) {
  const res = await owner.client.post("/settings/evidence/new", EVIDENCE_FIELDS);
  const id = /#entry-([0-9a-f-]{36})$/.exec(res.headers.get("location") ?? "")?.[1];
  if (!id) throw new Error(`adding an evidence entry as ${owner.name} answered ${res.status}`);
  return id;
}

/** The persona's own entry; for those with no log they may open (nobody, waiting, banned), the
 *  plain member's, which they must not reach either. */
const ownEntry = (p: Persona, fx: Fixture) => evidenceEntry(allows(POLICY["evidence.own"], p.actor) ? p : fx.personas.member);
/** An entry of someone else's log: whatever the persona's role, it is nobody's but its owner's. */
const othersEntry = (p: Persona, fx: Fixture) => evidenceEntry(p.name === "member" ? fx.personas.admin : fx.personas.member);

/** The evidence log (docs/evidence.md): each page and form on the persona's own log, and on
 *  another member's, which answers as if it did not exist. */
const EVIDENCE: Entry[] = [
  page("/settings/evidence", "evidence.own", "/settings/evidence"),
  page("/settings/evidence/new", "evidence.own", "/settings/evidence/new"),
  page("/settings/evidence/:entry (one's own)", "evidence.own", async (fx, p) => `/settings/evidence/${await ownEntry(p, fx)}`),
  {
    ...page("/settings/evidence/:entry (another member's)", "evidence.own", async (fx, p) => `/settings/evidence/${await othersEntry(p, fx)}`),
    expect: () => "deny",
  },
  page("/settings/evidence/print", "evidence.own", "/settings/evidence/print"),
  page("/settings/evidence/export.json", "evidence.own", "/settings/evidence/export.json"),
  page("/settings/evidence/export.csv", "evidence.own", "/settings/evidence/export.csv"),
  {
    name: "POST /settings/evidence (open the log with the passphrase)",
    permission: "evidence.own",
    run: (p) => p.client.post("/settings/evidence", { intent: "unlock", current: GOOD_PASSPHRASE }),
  },
  { name: "POST /settings/evidence/new (add an entry)", permission: "evidence.own", run: (p) => p.client.post("/settings/evidence/new", EVIDENCE_FIELDS) },
  {
    name: "POST /settings/evidence/:entry (change one's own)",
    permission: "evidence.own",
    run: async (p, fx) => p.client.post(`/settings/evidence/${await ownEntry(p, fx)}`, { ...EVIDENCE_FIELDS, intent: "save", status: "removed" }),
  },
  {
    name: "POST /settings/evidence/:entry (delete one's own)",
    permission: "evidence.own",
    run: async (p, fx) => p.client.post(`/settings/evidence/${await ownEntry(p, fx)}`, { intent: "delete", confirm: "yes" }),
  },
  {
    name: "POST /settings/evidence/:entry (change another member's)",
    permission: "evidence.own",
    run: async (p, fx) => p.client.post(`/settings/evidence/${await othersEntry(p, fx)}`, { ...EVIDENCE_FIELDS, intent: "save", status: "removed" }),
    expect: () => "deny",
  },
  {
    name: "POST /settings/evidence/:entry (delete another member's)",
    permission: "evidence.own",
    run: async (p, fx) => p.client.post(`/settings/evidence/${await othersEntry(p, fx)}`, { intent: "delete", confirm: "yes" }),
    expect: () => "deny",
  },
];

export const MATRIX: Entry[] = [
  page("/help", "safety.read", "/help"),
  page("/safety", "safety.read", "/safety"),
  page("/privacy", "safety.read", "/privacy"),
  page("/forums", "forums.read", "/forums"),
  page("/f/:members-only", "forums.members", (fx) => Promise.resolve(`/f/${fx.forumA.slug}`)),
  page("/t/:thread (members-only forum)", "forums.members", async (fx) => `/t/${(await fx.thread()).threadId}`),
  page("/settings", "settings.own", "/settings"),
  // The member's own data (issue 12): the page and both downloads, whatever the state of their
  // evidence log (a log this session cannot open is left out with a note, not refused).
  page("/settings/privacy", "settings.own", "/settings/privacy"),
  page("/settings/privacy/export.json", "settings.own", "/settings/privacy/export.json"),
  page("/settings/privacy/export.html", "settings.own", "/settings/privacy/export.html"),
  act("(let posts and chat fade: keep them)", "settings.own", null, async () => ({ posts: "never", chat: "never" }), "/settings/privacy"),
  {
    // With a wrong passphrase, so that the persona stays: reaching the passphrase check (a 400
    // naming the field) is being allowed; a signed-out or waiting visitor is sent to sign in.
    name: "POST /settings/privacy (erase the account, a wrong passphrase)",
    permission: "settings.own",
    run: async (p) => {
      const res = await p.client.post("/settings/privacy", { intent: "erase", current: "not the passphrase at all", understood: "on" });
      return res.status === 400 ? new Response(null, { status: 200 }) : res;
    },
  },
  page("/notifications", "notifications.read", "/notifications"),
  page("/settings/moderation", "history.read", "/settings/moderation"),
  ...EVIDENCE,
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
    "takedown request text (unchanged: the default)",
    "admin.settings",
    undefined,
    async () => ({ intent: "takedown-en", "takedown-en": DEFAULT_TAKEDOWN.en }),
    "/admin/settings",
  ),
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
  // Chat (docs/chat.md): every client event, over a real socket. Waiting and banned members and
  // visitors get no socket at all; the lounge is a room for everyone let in.
  socket("chat:join", "(the lounge)", "chat.read", async () => ({ room: "lounge" })),
  socket("chat:join", "(the moderators' room)", "chat.moderatorsRoom", async () => ({ room: "moderators" })),
  socket("chat:leave", "(the lounge)", "chat.read", async () => ({ room: "lounge" })),
  socket("chat:sync", "(the lounge)", "chat.read", async () => ({ room: "lounge", afterId: null })),
  socket("chat:send", "(the lounge, chat.probation_writes on)", "chat.write", async () => ({ room: "lounge", clientId: crypto.randomUUID(), body: "Hello." }), {
    probationWrites: true,
  }),
  socket("chat:send", "(the lounge, by default)", "chat.write", async () => ({ room: "lounge", clientId: crypto.randomUUID(), body: "Hello again." }), {
    probationWrites: false,
    // The setting's default: members on probation read the general rooms but do not write there.
    expect: (p) => (p.name !== "probation" && allows(POLICY["chat.write"], p.actor) ? "allow" : "deny"),
  }),
  socket("chat:typing", "(the lounge, chat.probation_writes on)", "chat.write", async () => ({ room: "lounge" }), { probationWrites: true }),
  socket("chat:report", "(the writer's message)", "report.create", async (fx) => ({ room: "lounge", id: await fx.message(), reason: "harassment" })),
  socket("chat:remove", "(the writer's message)", "chat.moderate", async (fx) => ({ room: "lounge", id: await fx.message(), reason: "Matrix" })),
  socket("chat:mute", "(a member, 5 minutes)", "chat.moderate", async (fx) => ({ room: "lounge", member: (await fx.freshMember()).pseudonym, minutes: 5 })),
  socket("chat:slow", "(off)", "chat.moderate", async () => ({ room: "check-in", seconds: 0 })),
  socket("chat:lock", "(unlocked)", "chat.moderate", async () => ({ room: "check-in", locked: false })),
];

/** Forum ids for rows that ask the rule about more than one forum; set by the test file. */
export const fixtureForums = { a: "", b: "" };
