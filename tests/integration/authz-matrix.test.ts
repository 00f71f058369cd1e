// The authorization matrix: every page, every action and the admin CLI against every persona
// (tests/helpers/personas.ts). What each cell should be is computed from server/authz/policy.ts,
// the same table the services enforce; what it is comes from real requests to a real server.
// Zero mismatches, and no cell answers with a server error.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { forums, posts } from "#db/schema.ts";
import { allows, POLICY, type Permission } from "#server/authz/policy.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { relaxed } from "#tests/helpers/forums.ts";
import { makePersonas, PERSONAS, type Persona, type PersonaName } from "#tests/helpers/personas.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { appeal } from "#server/appeals/submit.ts";
import { createThread, reply } from "#server/forums/posting.ts";
import { recordEvent } from "#server/moderation/events.ts";
import { MATRIX, type Fixture } from "./authz-matrix.entries.ts";

const database = await createTestDatabase({ probation: true });
const hearth = await startTestHearth({ database });
const db = database.db;
const [forumA, forumB] = await db.select({ id: forums.id, slug: forums.slug }).from(forums).orderBy(forums.position).limit(2);
const personas = await makePersonas(db, hearth.url, forumA!.id, forumB!.id);
const author = personas.member.actor!;

/** Fresh content for one cell: a thread in forum A by the plain member, with a reply by `owner`. */
const fixture: Fixture = {
  db,
  forumA: forumA!,
  forumB: forumB!,
  personas,
  async thread(owner?: Persona) {
    const thread = await createThread({ db, throttle: relaxed() }, author, forumA!.slug, {
      title: `Matrix ${randomUUID()}`,
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
};

type Outcome = "allow" | "deny";

function outcomeOf(res: Response): Outcome {
  if (res.status >= 500) throw new Error(`server error ${res.status}`);
  if (res.status >= 200 && res.status < 300) return "allow";
  if (res.status >= 300 && res.status < 400) {
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
        const actual = outcomeOf(res);
        row.push(actual === "allow" ? "A" : "-");
        if (actual !== expected) mismatches.push(`${name}: expected ${expected}, got ${actual} (${res.status} ${res.headers.get("location") ?? ""})`);
      }
      printed.push(`${row.join(" ")}  ${entry.name}`);
      expect(mismatches).toEqual([]);
    });
  }
});

test("the matrix covers every permission of the policy", () => {
  const covered = new Set<Permission>(MATRIX.map((e) => e.permission));
  const missing = (Object.keys(POLICY) as Permission[]).filter((p) => !covered.has(p) && p !== "operator.cli");
  expect(missing).toEqual([]);
});
