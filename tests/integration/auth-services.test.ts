import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { members, recoveryCodes, sessions } from "#db/schema.ts";
import { signIn, signUp } from "#server/auth/accounts.ts";
import { changePassphrase } from "#server/auth/passphrase-change.ts";
import { recoverAccount, regenerateRecoveryCodes } from "#server/auth/recovery.ts";
import { createSession, invalidateMemberSessions, SESSION_LIFETIME_MS, sessionIdFromToken, validateSessionToken } from "#server/auth/session.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { GOOD_PASSPHRASE, makeMember, uniquePseudonym } from "#tests/helpers/members.ts";

const database = await createTestDatabase();
const db = database.db;
const deps = () => ({ db, throttle: memoryThrottle() });
const DAY = 86_400_000;

test("sign-up stores a pseudonym and an argon2id hash, and nothing else about the person", async () => {
  const m = await makeMember(db);
  const [row] = await db.select().from(members).where(eq(members.id, m.memberId));
  expect(row!.pseudonym).toBe(m.pseudonym);
  expect(row!.passphraseHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(row!.passphraseHash).not.toContain(m.password);
  expect(Object.keys(row!).sort()).toEqual(["createdAt", "id", "locale", "openContentWarnings", "passphraseHash", "pseudonym", "pseudonymKey", "quickExitSignsOut", "role", "status"]);
});

test("ten recovery codes are issued and only their hashes are stored", async () => {
  const m = await makeMember(db);
  expect(m.codes).toHaveLength(10);
  expect(new Set(m.codes).size).toBe(10);
  const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.memberId, m.memberId));
  expect(stored).toHaveLength(10);
  for (const row of stored) for (const code of m.codes) expect(row.codeHash).not.toContain(code.replace(/-/g, ""));
});

test("a pseudonym is unique case-insensitively", async () => {
  const m = await makeMember(db);
  await expect(signUp(deps(), { pseudonym: m.pseudonym.toUpperCase(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE }, "c")).rejects.toMatchObject({
    name: "Invalid",
    fields: { pseudonym: "pseudonym.unavailable" },
  });
});

test("sign-in gives the same answer for an unknown pseudonym and a wrong passphrase", async () => {
  const m = await makeMember(db);
  const wrong = await signIn(deps(), { pseudonym: m.pseudonym, password: "not the passphrase" }, "c").catch((e) => e);
  const unknown = await signIn(deps(), { pseudonym: uniquePseudonym(), password: "not the passphrase" }, "c").catch((e) => e);
  expect(wrong).toMatchObject({ name: "Invalid", formError: "signIn.failed", fields: {} });
  expect(unknown).toMatchObject({ name: "Invalid", formError: "signIn.failed", fields: {} });
});

test("each sign-in creates a new session id; the token itself is never stored", async () => {
  const m = await makeMember(db);
  const a = await signIn(deps(), { pseudonym: m.pseudonym, password: m.password }, "c");
  const b = await signIn(deps(), { pseudonym: m.pseudonym, password: m.password }, "c");
  expect(a.token).not.toBe(b.token);
  const rows = await db.select().from(sessions).where(eq(sessions.memberId, m.memberId));
  expect(rows.map((r) => r.id)).toContain(sessionIdFromToken(a.token));
  expect(rows.map((r) => r.id)).not.toContain(a.token);
  expect(a.token).toMatch(/^[a-z2-7]{32}$/); // 160 bits
});

test("sessions slide: renewed when under 15 days remain, refused once expired", async () => {
  const m = await makeMember(db);
  const now = new Date();
  const { token } = await createSession(db, m.memberId, now);
  const day10 = new Date(now.getTime() + 10 * DAY);
  expect((await validateSessionToken(db, token, day10))!.renewed).toBe(false);
  const day20 = new Date(now.getTime() + 20 * DAY);
  const renewed = await validateSessionToken(db, token, day20);
  expect(renewed!.renewed).toBe(true);
  expect(renewed!.session.expiresAt.getTime()).toBe(day20.getTime() + SESSION_LIFETIME_MS);
  const past = new Date(day20.getTime() + SESSION_LIFETIME_MS + 1);
  expect(await validateSessionToken(db, token, past)).toBeNull();
  expect(await db.select().from(sessions).where(eq(sessions.id, sessionIdFromToken(token)))).toHaveLength(0);
});

test("revocation ends sessions server-side and reports them so sockets close", async () => {
  const m = await makeMember(db);
  const keep = await createSession(db, m.memberId);
  const other = await createSession(db, m.memberId);
  const ended = await invalidateMemberSessions(db, m.memberId, keep.session.id);
  expect(ended).toContain(other.session.id);
  expect(ended).not.toContain(keep.session.id);
  expect(await validateSessionToken(db, other.token)).toBeNull();
  expect(await validateSessionToken(db, keep.token)).not.toBeNull();
});

test("changing the passphrase asks the current one and ends every other session", async () => {
  const m = await makeMember(db);
  const current = await createSession(db, m.memberId);
  const elsewhere = await createSession(db, m.memberId);
  const closed: string[] = [];
  const who = { memberId: m.memberId, pseudonym: m.pseudonym, sessionId: current.session.id };
  const next = "a brand new passphrase here";
  await expect(changePassphrase({ ...deps(), endSessions: (ids) => closed.push(...ids) }, who, { current: "wrong one!", password: next, confirmPassword: next }, "c")).rejects.toMatchObject({
    fields: { current: "passphrase.currentWrong" },
  });
  await changePassphrase({ ...deps(), endSessions: (ids) => closed.push(...ids) }, who, { current: m.password, password: next, confirmPassword: next }, "c");
  expect(closed).toContain(elsewhere.session.id);
  expect(closed).toContain(sessionIdFromToken(m.token)); // the one made at sign-up
  expect(closed).not.toContain(current.session.id);
  expect(await validateSessionToken(db, elsewhere.token)).toBeNull();
  expect(await validateSessionToken(db, current.token)).not.toBeNull();
  await expect(signIn(deps(), { pseudonym: m.pseudonym, password: m.password }, "c")).rejects.toMatchObject({ formError: "signIn.failed" });
  await expect(signIn(deps(), { pseudonym: m.pseudonym, password: next }, "c")).resolves.toMatchObject({ memberId: m.memberId });
});

test("a recovery code works once, sets a new passphrase and ends all old sessions", async () => {
  const m = await makeMember(db);
  const old = await createSession(db, m.memberId);
  const next = "rivers remember the rain";
  const code = m.codes[3]!.toUpperCase().replace(/-/g, " ");
  const done = await recoverAccount(deps(), { pseudonym: m.pseudonym, code, password: next, confirmPassword: next }, "c");
  expect(done.codesLeft).toBe(9);
  expect(await validateSessionToken(db, old.token)).toBeNull();
  expect(await validateSessionToken(db, done.token)).not.toBeNull();
  await expect(recoverAccount(deps(), { pseudonym: m.pseudonym, code, password: next, confirmPassword: next }, "c")).rejects.toMatchObject({ formError: "recover.failed" });
  await expect(signIn(deps(), { pseudonym: m.pseudonym, password: next }, "c")).resolves.toBeTruthy();
});

test("recovery gives one answer for an unknown pseudonym and a wrong code", async () => {
  const m = await makeMember(db);
  const next = "rivers remember the rain";
  const a = await recoverAccount(deps(), { pseudonym: m.pseudonym, code: "aaaa-bbbb-cccc-dddd", password: next, confirmPassword: next }, "c").catch((e) => e);
  const b = await recoverAccount(deps(), { pseudonym: uniquePseudonym(), code: m.codes[0]!, password: next, confirmPassword: next }, "c").catch((e) => e);
  expect(a).toMatchObject({ name: "Invalid", formError: "recover.failed", fields: {} });
  expect(b).toMatchObject({ name: "Invalid", formError: "recover.failed", fields: {} });
});

test("guessing the current passphrase from a signed-in session is throttled", async () => {
  const m = await makeMember(db);
  const throttled = { db, throttle: memoryThrottle() };
  const tries: string[] = [];
  for (let i = 0; i < 6; i++) tries.push(await regenerateRecoveryCodes(throttled, m.memberId, { current: `guess ${i} of mine` }, "c").then(() => "ok", (e: Error) => e.name));
  expect(tries).toEqual(["Invalid", "Invalid", "Invalid", "Invalid", "Invalid", "TooManyAttempts"]);
});

test("new recovery codes need the current passphrase and replace the old ones", async () => {
  const m = await makeMember(db);
  await expect(regenerateRecoveryCodes(deps(), m.memberId, { current: "nope nope nope" }, "c")).rejects.toMatchObject({ fields: { current: "passphrase.currentWrong" } });
  const fresh = await regenerateRecoveryCodes(deps(), m.memberId, { current: m.password }, "c");
  expect(fresh).toHaveLength(10);
  const next = "rivers remember the rain";
  await expect(recoverAccount(deps(), { pseudonym: m.pseudonym, code: m.codes[0]!, password: next, confirmPassword: next }, "c")).rejects.toMatchObject({ formError: "recover.failed" });
  await expect(recoverAccount(deps(), { pseudonym: m.pseudonym, code: fresh[0]!, password: next, confirmPassword: next }, "c")).resolves.toMatchObject({ codesLeft: 9 });
});
