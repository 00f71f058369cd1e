// The built admin CLI (node build/admin.js, as an operator runs it) against a test database:
// set-role with --forums, invitation commands, and `set probation.posts 0`, each audited as the
// operator.
import { and, desc, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditLog, forums, members, moderatorForums } from "#db/schema.ts";
import { runAdmin } from "#tests/helpers/built-hearth.ts";
import { adminEnv, createTestDatabase } from "#tests/helpers/db.ts";
import { makeMember } from "#tests/helpers/members.ts";

const database = await createTestDatabase();
const db = database.db;
const env = adminEnv(database);
const admin = (args: string[]) => runAdmin(env, args);
const lastOperatorRow = async () => (await db.select().from(auditLog).where(eq(auditLog.actorKind, "operator")).orderBy(desc(auditLog.id)).limit(1))[0];
const forumsOf = async (memberId: string) =>
  (
    await db
      .select({ slug: forums.slug })
      .from(moderatorForums)
      .innerJoin(forums, eq(forums.id, moderatorForums.forumId))
      .where(eq(moderatorForums.memberId, memberId))
  )
    .map((r) => r.slug)
    .sort();

test("set-role NAME moderator --forums a,b writes moderator_forums; without it, every forum; member clears them; all audited", {
  timeout: 120_000,
}, async () => {
  const m = await makeMember(db);
  const scoped = await admin(["set-role", m.pseudonym, "moderator", "--forums", "support,introductions"]);
  expect(scoped.err).toBe("");
  expect(scoped).toMatchObject({ code: 0 });
  expect(scoped.out).toContain(`"${m.pseudonym}" is now moderator.\nModerates: introductions, support.`);
  expect(await forumsOf(m.memberId)).toEqual(["introductions", "support"]);
  expect(await lastOperatorRow()).toMatchObject({
    actorId: null,
    action: "member.role",
    targetId: m.memberId,
    detail: { from: "member", to: "moderator", forums: ["introductions", "support"] },
  });

  const all = await admin(["set-role", m.pseudonym, "moderator"]);
  expect(all.out).toContain("Moderates: every forum.");
  expect(await forumsOf(m.memberId)).toEqual([]);

  expect((await admin(["set-role", m.pseudonym, "moderator", "--forums=support"])).code).toBe(0);
  expect(await forumsOf(m.memberId)).toEqual(["support"]);
  const unknown = await admin(["set-role", m.pseudonym, "moderator", "--forums", "support,nowhere"]);
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain("No forum has one of those slugs.");
  expect(await forumsOf(m.memberId)).toEqual(["support"]);
  expect((await admin(["set-role", m.pseudonym, "admin", "--forums", "support"])).code).toBe(2);
  expect((await admin(["set-role", m.pseudonym, "moderator", "--forum", "support"])).code).toBe(2);

  expect((await admin(["set-role", m.pseudonym, "member"])).out).toContain("is now member.");
  expect(await forumsOf(m.memberId)).toEqual([]);
  expect((await db.select({ role: members.role }).from(members).where(eq(members.id, m.memberId)))[0]!.role).toBe("member");
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "member.role"), eq(auditLog.targetId, m.memberId)));
  expect(rows.map((r) => [r.actorKind, (r.detail as { to: string }).to])).toEqual([
    ["operator", "moderator"],
    ["operator", "moderator"],
    ["operator", "moderator"],
    ["operator", "member"],
  ]);
});

test("set probation.posts 0 works and is audited as the operator", { timeout: 60_000 }, async () => {
  const set = await admin(["set", "probation.posts", "0"]);
  expect(set).toMatchObject({ code: 0, err: "" });
  expect(set.out).toContain("probation.posts = 0");
  expect(await lastOperatorRow()).toMatchObject({ action: "setting.change", targetKind: "setting", detail: { key: "probation.posts", value: 0 } });
  expect((await admin(["get", "probation.posts"])).out.trim()).toBe("0");
  const bad = await admin(["set", "probation.posts", "-1"]);
  expect(bad.code).toBe(1);
});

test("invite-create prints the code once; invite-list never shows it; invite-revoke is audited", { timeout: 60_000 }, async () => {
  const made = await admin(["invite-create", "for the group"]);
  expect(made).toMatchObject({ code: 0, err: "" });
  expect(made.out).toContain("cannot be shown again");
  const code = made.out.match(/^ {2}([a-z2-7]{4}(?:-[a-z2-7]{4}){3})$/m)?.[1];
  expect(code).toBeDefined();
  const id = made.out.match(/Invitation ([0-9a-f-]{36})/)![1]!;
  expect(await lastOperatorRow()).toMatchObject({ action: "invite.create", targetId: id });

  const listed = await admin(["invite-list"]);
  expect(listed.out).not.toContain(code!);
  const rows = listed.out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(rows.find((r) => r.id === id)).toMatchObject({ label: "for the group", state: "open", usedAt: null, revokedAt: null });

  expect((await admin(["invite-revoke", id])).out).toContain("is revoked");
  expect(await lastOperatorRow()).toMatchObject({ action: "invite.revoke", targetId: id });
  const again = await admin(["invite-revoke", id]);
  expect(again.code).toBe(1);
  expect(again.err).toContain("already used or revoked");
  expect((await admin(["invite-revoke", "00000000-0000-4000-8000-000000000000"])).err).toContain("No invitation has that ID.");
  expect((await admin(["invite-revoke"])).code).toBe(2);
  const after = (await admin(["invite-list"])).out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(after.find((r) => r.id === id).state).toBe("revoked");
});
