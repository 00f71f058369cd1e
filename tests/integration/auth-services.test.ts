import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { members, recoveryCodes, sessions } from "#db/schema.ts";
import { signIn, signUp } from "#server/auth/accounts.ts";
import { pseudonymSkeleton } from "#server/auth/confusables.ts";
import { changePassphrase } from "#server/auth/passphrase-change.ts";
import { hashPassphrase } from "#server/auth/password-hash.ts";
import { pseudonymKey } from "#server/auth/pseudonym.ts";
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
  // The moderation columns are standing, and the expiry columns the member's own choices: not
  // anything about the person.
  expect(Object.keys(row!).sort()).toEqual([
    "approvedPosts",
    "chatExpireDays",
    "createdAt",
    "id",
    "locale",
    "openContentWarnings",
    "passphraseHash",
    "postingPausedAt",
    "postsExpireDays",
    "pseudonym",
    "pseudonymKey",
    "pseudonymSkeleton",
    "quickExitSignsOut",
    "role",
    "status",
    "suspendedUntil",
  ]);
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
  await expect(
    signUp(deps(), { pseudonym: m.pseudonym.toUpperCase(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE }, "c"),
  ).rejects.toMatchObject({
    name: "Invalid",
    fields: { pseudonym: "pseudonym.unavailable" },
  });
});

const join = (pseudonym: string) => signUp(deps(), { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE }, "c");
const refusal = (pseudonym: string) =>
  join(pseudonym).then(
    () => "joined",
    (e: { fields?: { pseudonym?: string } }) => e.fields?.pseudonym ?? String(e),
  );

test("invisible, filler and mixed-script look-alike names are refused; nothing is written", async () => {
  await join("alice_p");
  const before = (await db.select({ id: members.id }).from(members)).length;
  expect(await refusal("alice_p\u3164")).toBe("pseudonym.invisible"); // Hangul filler: reads as alice_p
  expect(await refusal("moderator\u3164")).toBe("pseudonym.invisible");
  expect(await refusal("\u3164\u3164\u3164")).toBe("pseudonym.invisible");
  expect(await refusal("ali\u200Bce_p")).toBe("pseudonym.invisible");
  expect(await refusal("\u0430lice_p")).toBe("pseudonym.mixedScripts"); // Cyrillic а
  expect((await db.select({ id: members.id }).from(members)).length).toBe(before);
  // Chinese (or Japanese, Korean) mixed with Latin letters stays allowed.
  expect(await refusal("lily小雨")).toBe("joined");
});

test("a name whose confusable skeleton is taken is refused like a taken name, in any script or case", async () => {
  await join("space_joy");
  expect(await refusal(inCyrillic("space_joy"))).toBe("pseudonym.unavailable"); // all Cyrillic
  expect(await refusal("SPACE_JOY")).toBe("pseudonym.unavailable");
  await join("Iris Moon");
  expect(await refusal("lris Moon")).toBe("pseudonym.unavailable"); // small L for capital I
  expect(await refusal("rnoderator")).toBe("pseudonym.unavailable"); // rn for m, a reserved name
  // Sign-in still looks names up by their key, and a look-alike learns nothing.
  const lookAlike = await signIn(deps(), { pseudonym: "lris Moon", password: GOOD_PASSPHRASE }, "c").catch((e) => e);
  expect(lookAlike).toMatchObject({ name: "Invalid", formError: "signIn.failed", fields: {} });
  await expect(signIn(deps(), { pseudonym: "iris moon", password: GOOD_PASSPHRASE }, "c")).resolves.toBeTruthy();
});

// Latin letters and the Cyrillic letters that look the same.
const CYRILLIC: Record<string, string> = {
  a: "\u0430",
  c: "\u0441",
  e: "\u0435",
  i: "\u0456",
  j: "\u0458",
  o: "\u043E",
  p: "\u0440",
  s: "\u0455",
  x: "\u0445",
  y: "\u0443",
};
const inCyrillic = (latin: string) => [...latin].map((c) => CYRILLIC[c] ?? c).join("");

test("two people joining as look-alikes at the same moment: exactly one gets each name", async () => {
  // Several pairs at once, so that a check without the lock loses at least one race.
  const names = ["peace_soap", "coax_pipe", "spicy_pea", "easy_copy", "posey_joy"];
  const results = await Promise.all(names.map((name) => Promise.all([refusal(name), refusal(inCyrillic(name))])));
  for (const pair of results) expect(pair.sort()).toEqual(["joined", "pseudonym.unavailable"]);
});

test("members who joined before skeletons keep signing in, even when their names collide; new look-alikes are refused", async () => {
  const passphraseHash = await hashPassphrase(GOOD_PASSPHRASE);
  // Rows as the earlier code wrote them: no skeleton, and names today's rules would refuse.
  const old = ["Olive Tree", "0live Tree", "fern\u3164"];
  await db.insert(members).values(old.map((pseudonym) => ({ pseudonym, pseudonymKey: pseudonymKey(pseudonym), passphraseHash })));
  for (const pseudonym of old) await expect(signIn(deps(), { pseudonym, password: GOOD_PASSPHRASE }, "c"), pseudonym).resolves.toBeTruthy();
  expect(await refusal("OIive Tree")).toBe("pseudonym.unavailable"); // capital I for l
  const rows = await db.select({ pseudonym: members.pseudonym, skeleton: members.pseudonymSkeleton }).from(members);
  for (const row of rows.filter((r) => old.includes(r.pseudonym))) expect(row.skeleton).toBe(pseudonymSkeleton(row.pseudonym));
  for (const pseudonym of old) await expect(signIn(deps(), { pseudonym, password: GOOD_PASSPHRASE }, "c"), pseudonym).resolves.toBeTruthy();
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
  expect(
    await db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sessionIdFromToken(token))),
  ).toHaveLength(0);
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
  await expect(
    changePassphrase({ ...deps(), endSessions: (ids) => closed.push(...ids) }, who, { current: "wrong one!", password: next, confirmPassword: next }, "c"),
  ).rejects.toMatchObject({
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
  await expect(recoverAccount(deps(), { pseudonym: m.pseudonym, code, password: next, confirmPassword: next }, "c")).rejects.toMatchObject({
    formError: "recover.failed",
  });
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
  for (let i = 0; i < 6; i++)
    tries.push(
      await regenerateRecoveryCodes(throttled, m.memberId, { current: `guess ${i} of mine` }, "c").then(
        () => "ok",
        (e: Error) => e.name,
      ),
    );
  expect(tries).toEqual(["Invalid", "Invalid", "Invalid", "Invalid", "Invalid", "TooManyAttempts"]);
});

test("new recovery codes need the current passphrase and replace the old ones", async () => {
  const m = await makeMember(db);
  await expect(regenerateRecoveryCodes(deps(), m.memberId, { current: "nope nope nope" }, "c")).rejects.toMatchObject({
    fields: { current: "passphrase.currentWrong" },
  });
  const fresh = await regenerateRecoveryCodes(deps(), m.memberId, { current: m.password }, "c");
  expect(fresh).toHaveLength(10);
  const next = "rivers remember the rain";
  await expect(recoverAccount(deps(), { pseudonym: m.pseudonym, code: m.codes[0]!, password: next, confirmPassword: next }, "c")).rejects.toMatchObject({
    formError: "recover.failed",
  });
  await expect(recoverAccount(deps(), { pseudonym: m.pseudonym, code: fresh[0]!, password: next, confirmPassword: next }, "c")).resolves.toMatchObject({
    codesLeft: 9,
  });
});
