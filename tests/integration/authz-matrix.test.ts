// The authorization matrix: every page, every action and the admin CLI against every persona
// (tests/helpers/personas.ts). What each cell should be is computed from server/authz/policy.ts,
// the same table the services enforce; what it is comes from real requests to a real server.
// Zero mismatches, and no cell answers with a server error.
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { commands } from "#server/admin/commands.ts";
import { runAdmin } from "#tests/helpers/built-hearth.ts";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { forums, invites, members, posts } from "#db/schema.ts";
import { allows, POLICY, type Permission } from "#server/authz/policy.ts";
import { adminEnv, createTestDatabase } from "#tests/helpers/db.ts";
import { asActor, relaxed } from "#tests/helpers/forums.ts";
import { makePersonas, PERSONAS, type Persona, type PersonaName } from "#tests/helpers/personas.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { appeal } from "#server/appeals/submit.ts";
import { createThread, reply } from "#server/forums/posting.ts";
import { recordEvent } from "#server/moderation/events.ts";
import { fixtureForums, MATRIX, type Fixture } from "./authz-matrix.entries.ts";
import { GOOD_PASSPHRASE, makeMember } from "#tests/helpers/members.ts";
import { openQueueItem } from "#server/moderation/queue.ts";
import { PRIORITY } from "#server/moderation/priority.ts";
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "#app/contracts/events.ts";
import { createNotifyLive } from "#server/realtime/notify-live.ts";
import { createServices } from "#server/services.ts";
import { writeSetting } from "#server/settings/store.ts";

const database = await createTestDatabase({ probation: true });
const hearth = await startTestHearth({ database });
const db = database.db;
const [forumA, forumB] = await db.select({ id: forums.id, slug: forums.slug }).from(forums).orderBy(forums.position).limit(2);
const personas = await makePersonas(db, hearth.url, forumA!.id, forumB!.id);
// The author of the content that is reported and moderated: a member who is no persona, so no
// persona acts on their own post.
const writerMember = await makeMember(db);
const author = asActor({ id: writerMember.memberId, role: "member" });
await db.update(members).set({ approvedPosts: 10 }).where(eq(members.id, author.id));
// Chat messages for the rows that act on one, sent by the writer through the same service.
const chat = createServices({ db, throttle: relaxed(), live: createNotifyLive(database.pool) }).chat;
fixtureForums.a = forumA!.id;
fixtureForums.b = forumB!.id;

let threadsMade = 0;
/** Fresh content for one cell: a thread in forum A by the plain member, with a reply by `owner`. */
const fixture: Fixture = {
  db,
  forumA: forumA!,
  forumB: forumB!,
  personas,
  async thread(owner?: Persona) {
    const thread = await createThread({ db, throttle: relaxed() }, author, forumA!.slug, {
      // Numbered, not a uuid: three all-digit groups of a uuid ("5904-4090-8476") read as a phone
      // number, and the thread would wait for a moderator, unseen by the readers of this row.
      title: `Matrix thread ${++threadsMade}`,
      body: "A first post.",
      idempotencyKey: randomUUID(),
    });
    if (!owner?.id) return { threadId: thread.threadId, postId: thread.postId };
    // Written straight into the table: some owners (waiting, suspended) could not post themselves.
    const [post] = await db
      .insert(posts)
      .values({
        threadId: thread.threadId,
        authorId: owner.id,
        bodySource: "Mine.",
        bodyHtml: "<p>Mine.</p>",
        sanitizerVersion: "matrix",
        idempotencyKey: randomUUID(),
      })
      .returning({ id: posts.id });
    return { threadId: thread.threadId, postId: post!.id };
  },
  async reply(threadId: string) {
    return (await reply({ db, throttle: relaxed() }, author, threadId, { body: "Another post.", idempotencyKey: randomUUID() })).postId;
  },
  writer: { id: writerMember.memberId, pseudonym: writerMember.pseudonym },
  async freshMember(opts = {}) {
    const m = await makeMember(db);
    if (opts.banned) await db.update(members).set({ status: "banned" }).where(eq(members.id, m.memberId));
    if (opts.waiting) {
      await db.update(members).set({ status: "waiting" }).where(eq(members.id, m.memberId));
      await openQueueItem(db, { kind: "approval", target: { member: m.memberId }, forumId: null, memberId: m.memberId, priority: PRIORITY.approval });
    }
    return { id: m.memberId, pseudonym: m.pseudonym };
  },
  async removal(owner: Persona) {
    const { threadId, postId } = await fixture.thread(owner);
    await db.update(posts).set({ status: "removed" }).where(eq(posts.id, postId));
    const eventId = await recordEvent(db, { memberId: owner.id!, kind: "removal", reason: "Matrix", postId, threadId, context: "Matrix" });
    return { eventId, postId, threadId };
  },
  async appeal() {
    const { eventId } = await fixture.removal(personas.member);
    return (await appeal(db, personas.member.actor, eventId, { note: "Please look again." })).appealId;
  },
  async emit(persona, event, payload) {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(hearth.url, {
      transports: ["websocket"],
      extraHeaders: { cookie: persona.client.cookieHeader(), origin: hearth.url },
      reconnection: false,
      forceNew: true,
    });
    try {
      const open = await new Promise<boolean>((resolve) => {
        socket.once("connect", () => resolve(true));
        socket.once("connect_error", () => resolve(false));
      });
      if (!open) return { ok: false };
      return (await socket.timeout(10_000).emitWithAck(event as "chat:leave", payload as { room: string })) as { ok: boolean };
    } finally {
      socket.disconnect();
    }
  },
  async message() {
    const sent = await chat.send(author, "lounge", { clientId: randomUUID(), body: "A message to act on." });
    return sent.message.id;
  },
  async probationWrites(on) {
    await writeSetting(db, "chat.probation_writes", on);
  },
};

type Outcome = "allow" | "deny";

/** A page is allowed when it is shown (a redirect elsewhere is not the page); an action when it is
 *  carried out (shown, or a redirect that is not to sign-in or the waiting page). */
function outcomeOf(res: Response, action: boolean): Outcome {
  if (res.status >= 500) throw new Error(`server error ${res.status}`);
  if (res.status >= 200 && res.status < 300) return "allow";
  if (action && res.status >= 300 && res.status < 400) {
    const to = res.headers.get("location") ?? "";
    return /^\/(login|waiting)(\?|$)/.test(to) ? "deny" : "allow";
  }
  return "deny";
}

const printed: string[] = [];
afterAll(() => console.log(`\nAuthorization matrix (A allowed, - denied):\n${printed.join("\n")}`));

describe("every entry against every persona matches server/authz/policy.ts", () => {
  for (const entry of MATRIX) {
    test(`${entry.name} (${entry.permission}: ${POLICY[entry.permission]})`, async () => {
      const mismatches: string[] = [];
      const row: string[] = [];
      for (const name of PERSONAS) {
        const persona = personas[name as PersonaName];
        const forumId = entry.forum === "A" ? forumA!.id : entry.forum === "B" ? forumB!.id : entry.forum;
        const expected: Outcome = entry.expect?.(persona) ?? (allows(POLICY[entry.permission], persona.actor, forumId) ? "allow" : "deny");
        const res = await entry.run(persona, fixture);
        const actual = outcomeOf(res, entry.name.startsWith("POST"));
        row.push(actual === "allow" ? "A" : "-");
        if (actual !== expected) mismatches.push(`${name}: expected ${expected}, got ${actual} (${res.status} ${res.headers.get("location") ?? ""})`);
      }
      printed.push(`${row.join(" ")}  ${entry.name}`);
      expect(mismatches).toEqual([]);
    });
  }
});

// The admin CLI is the operator's (rule `operator`): no web persona reaches it — it has no HTTP
// route — and whoever runs it at the shell may. Every command runs here, as an operator would.
describe("the admin CLI: every command, run as the operator", () => {
  const env = adminEnv(database);
  const file = path.join(os.tmpdir(), `hearth-matrix-${process.pid}.md`);
  const cli: Array<[string, () => Promise<string[]>, (string | ((argv: string[]) => string))?]> = [
    ["create-member", async () => ["create-member", `Cli${randomUUID().slice(0, 8).replace(/\d/g, "x")}`], `${GOOD_PASSPHRASE}\n${GOOD_PASSPHRASE}\n`],
    ["set-role", async () => ["set-role", (await makeMember(db)).pseudonym, "moderator", "--forums", forumA!.slug]],
    ["list-members", async () => ["list-members"]],
    ["forum-visibility", async () => ["forum-visibility", forumB!.slug, "members"]],
    ["chat-retention", async () => ["chat-retention", "lounge", "30"]],
    ["get", async () => ["get", "registration.mode"]],
    ["set", async () => ["set", "probation.posts", "3"]],
    ["inspect", async () => ["inspect", file]],
    ["render", async () => ["render", file]],
    ["removals", async () => ["removals", "30"]],
    ["export-member", async () => ["export-member", (await makeMember(db)).pseudonym]],
    // The name typed again, as the command asks.
    ["erase-member", async () => ["erase-member", (await makeMember(db)).pseudonym], (argv) => `${argv[1]}\n`],
    ["invite-create", async () => ["invite-create", "matrix"]],
    ["invite-list", async () => ["invite-list"]],
    ["invite-revoke", async () => ["invite-revoke", (await db.select({ id: invites.id }).from(invites).limit(1))[0]!.id]],
  ];
  test("the table lists every command the CLI has", () => {
    expect(cli.map(([name]) => name).sort()).toEqual(Object.keys(commands).sort());
  });
  for (const [name, args, stdin] of cli) {
    test(`npm run admin -- ${name}: allowed for the operator, no web persona (${PERSONAS.length} denied)`, { timeout: 60_000 }, async () => {
      await writeFile(file, "# Notes\n\nPlain text.\n");
      expect(PERSONAS.filter((p) => allows(POLICY["operator.cli"], personas[p].actor))).toEqual([]);
      const argv = await args();
      const run = await runAdmin(env, argv, typeof stdin === "function" ? stdin(argv) : stdin);
      expect(run.err).toBe("");
      expect(run.code).toBe(0);
    });
  }
});

test("the matrix covers every permission of the policy", () => {
  const covered = new Set<Permission>([...MATRIX.map((e) => e.permission), "operator.cli"]);
  const missing = (Object.keys(POLICY) as Permission[]).filter((p) => !covered.has(p));
  expect(missing).toEqual([]);
});
