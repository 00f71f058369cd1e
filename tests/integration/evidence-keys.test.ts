// The evidence log's keys through the real auth flows (issue 11; server/evidence/keys.ts, decision
// 018): the log stays readable across a passphrase change, recovery with a code, new codes and a
// new sign-in; signing out, revoking and expiry take a session's wrap with it; a member from
// before the log starts one, a locked session unlocks with the passphrase (throttled like every
// passphrase check); two sign-ins racing to seal a new log end up with one key; a stored record
// or wrap that was altered or moved opens nothing and is reported, never shown; erasure deletes it.
import { and, eq, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { expect, test } from "vitest";
import * as schema from "#db/schema.ts";
import { evidenceEntries, evidenceKeys, members, recoveryCodes, sessions } from "#db/schema.ts";
import { signIn as signInDirectly } from "#server/auth/accounts.ts";
import { memoryThrottle } from "#server/auth/throttle.ts";
import { sessionIdFromToken } from "#server/auth/session.ts";
import { keyFromCode, keyFromPassphrase, keyFromSession } from "#server/evidence/keys.ts";
import { createMember } from "#server/members/admin.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { uniquePseudonym } from "#tests/helpers/members.ts";
import { entryForm, evidenceWorld } from "./evidence-helpers.ts";

const database = await createTestDatabase();
const { db, services, whoFor, member, signIn, entryRows, keyRows } = evidenceWorld(database);
const evidence = services.evidence;
const NEW_PASSPHRASE = "seven herons crossing the bay";
const DAY = 86_400_000;

const locked = expect.objectContaining({ name: "Invalid", formError: "evidence.error.locked" });
const places = async (who: Parameters<typeof evidence.list>[0]) => (await evidence.list(who)).map((e) => ("broken" in e ? "broken" : e.place));
const stateOf = async (who: Parameters<typeof evidence.state>[0]) => (await evidence.state(who)).state;
const sessionWrap = async (token: string) =>
  db
    .select()
    .from(evidenceKeys)
    .where(eq(evidenceKeys.sessionId, sessionIdFromToken(token)));
const flipByte = (bytes: Buffer, at = Math.floor(bytes.length / 2)) => {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

/** A member with one entry written in their first session. */
async function memberWithEntry(place = "Night Owls 夜猫子交流群") {
  const m = await member();
  const { id } = await evidence.add(m.who, entryForm({ place }));
  const dataKey = (await keyFromSession(db, m.memberId, m.token))!;
  return { ...m, entryId: id, dataKey };
}

test("a passphrase change keeps the log: this session reads, the other sessions it ended cannot", async () => {
  const m = await memberWithEntry();
  const other = await signIn(m, m.password);
  expect(await places(other.who)).toEqual(["Night Owls 夜猫子交流群"]);
  await services.auth.changePassphrase(
    { memberId: m.memberId, pseudonym: m.pseudonym, sessionId: sessionIdFromToken(m.token) },
    { current: m.password, password: NEW_PASSPHRASE, confirmPassword: NEW_PASSPHRASE },
    "evidence-test",
  );
  expect(await places(m.who)).toEqual(["Night Owls 夜猫子交流群"]);
  expect(await sessionWrap(other.token)).toEqual([]);
  expect(await stateOf(other.who)).toBe("locked");
  await expect(evidence.list(other.who)).rejects.toEqual(locked);
  // Signing in with the new passphrase, anywhere, opens the log.
  const again = await signIn(m, NEW_PASSPHRASE);
  expect(await stateOf(again.who)).toBe("open");
  expect(await places(again.who)).toEqual(["Night Owls 夜猫子交流群"]);
  // The wrap for the passphrase is now the new one's, and only the new one's.
  expect(await keyFromPassphrase(db, m.memberId, m.password)).toBeNull();
  expect((await keyFromPassphrase(db, m.memberId, NEW_PASSPHRASE))?.equals(m.dataKey)).toBe(true);
  expect((await keyRows(m.memberId)).filter((w) => w.kind === "passphrase")).toHaveLength(1);
});

test("recovery with a code keeps the log: the new session reads, the used code opens nothing, the others still do", async () => {
  const m = await memberWithEntry();
  const [used, spare] = [m.codes[0]!, m.codes[1]!];
  const recovered = await services.auth.recover(
    { pseudonym: m.pseudonym, code: used, password: NEW_PASSPHRASE, confirmPassword: NEW_PASSPHRASE },
    "evidence-test",
  );
  const who = whoFor(m.memberId, recovered.token);
  expect(await stateOf(who)).toBe("open");
  expect(await places(who)).toEqual(["Night Owls 夜猫子交流群"]);
  // Recovery ends every earlier session, and their wraps with them.
  expect(await stateOf(m.who)).toBe("locked");
  expect(await sessionWrap(m.token)).toEqual([]);
  expect(await keyFromCode(db, m.memberId, used)).toBeNull();
  expect((await keyFromCode(db, m.memberId, spare))!.equals(m.dataKey)).toBe(true);
  expect((await keyRows(m.memberId)).filter((w) => w.kind === "recovery")).toHaveLength(9);
  // The new passphrase opens it from now on, in a new session too; the old one does not.
  const signedIn = await signIn(m, NEW_PASSPHRASE);
  expect(await stateOf(signedIn.who)).toBe("open");
  expect(await places(signedIn.who)).toEqual(["Night Owls 夜猫子交流群"]);
  expect(await keyFromPassphrase(db, m.memberId, m.password)).toBeNull();
  expect((await keyFromPassphrase(db, m.memberId, NEW_PASSPHRASE))?.equals(m.dataKey)).toBe(true);
  // The used code recovers nothing again; the spare one, typed another way, recovers the log.
  await expect(
    services.auth.recover({ pseudonym: m.pseudonym, code: used, password: NEW_PASSPHRASE, confirmPassword: NEW_PASSPHRASE }, "evidence-test"),
  ).rejects.toMatchObject({ name: "Invalid", formError: "recover.failed" });
  const typed = spare.toUpperCase().replace(/-/g, " ");
  const third = await services.auth.recover({ pseudonym: m.pseudonym, code: typed, password: m.password, confirmPassword: m.password }, "evidence-test");
  expect(await places(whoFor(m.memberId, third.token))).toEqual(["Night Owls 夜猫子交流群"]);
  expect((await keyRows(m.memberId)).filter((w) => w.kind === "recovery")).toHaveLength(8);
});

test("new recovery codes: the old codes' wraps are gone and each new code opens the log", async () => {
  const m = await memberWithEntry();
  const oldWraps = (await keyRows(m.memberId)).filter((w) => w.kind === "recovery").map((w) => w.id);
  expect(oldWraps).toHaveLength(10);
  const codes = await services.auth.regenerateRecoveryCodes(m.memberId, { current: m.password }, "evidence-test");
  expect(codes).toHaveLength(10);
  for (const code of m.codes) expect(await keyFromCode(db, m.memberId, code), code).toBeNull();
  expect(await db.select().from(evidenceKeys).where(inArray(evidenceKeys.id, oldWraps))).toEqual([]);
  for (const code of codes) expect((await keyFromCode(db, m.memberId, code))?.equals(m.dataKey), code).toBe(true);
  // Each wrap belongs to one of the new codes, one each.
  const wraps = (await keyRows(m.memberId)).filter((w) => w.kind === "recovery");
  const codeRows = await db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(eq(recoveryCodes.memberId, m.memberId));
  expect(wraps.map((w) => w.recoveryCodeId).sort()).toEqual(codeRows.map((c) => c.id).sort());
  expect((await evidence.state(m.who)).codesWithoutWrap).toBe(0);
  expect(await places(m.who)).toEqual(["Night Owls 夜猫子交流群"]);
  // And a new code recovers the log.
  const recovered = await services.auth.recover(
    { pseudonym: m.pseudonym, code: codes[3]!, password: m.password, confirmPassword: m.password },
    "evidence-test",
  );
  expect(await places(whoFor(m.memberId, recovered.token))).toEqual(["Night Owls 夜猫子交流群"]);
});

test("signing in again opens the log in the new session without asking for anything more", async () => {
  const m = await memberWithEntry();
  const again = await signIn(m, m.password);
  expect(await evidence.state(again.who)).toEqual({ state: "open", codesWithoutWrap: 0, entries: 1 });
  expect(await places(again.who)).toEqual(["Night Owls 夜猫子交流群"]);
  expect(await sessionWrap(again.token)).toHaveLength(1);
  // What it writes, the first session reads: one key for both.
  await evidence.add(again.who, entryForm({ place: "written in the second session", seenAt: "2026-03-20T10:00" }));
  expect(await places(m.who)).toEqual(["written in the second session", "Night Owls 夜猫子交流群"]);
});

test("a member added by an admin (no session yet) reads and writes the log once signed in, and their codes open it", async () => {
  const password = "lanterns drifting past the pier";
  const created = await createMember(db, { pseudonym: uniquePseudonym("Admitted"), password, confirmPassword: password });
  expect((await keyRows(created.id)).map((w) => w.kind).sort()).toEqual(["passphrase", ...Array(10).fill("recovery")]);
  const session = await signIn({ pseudonym: created.pseudonym, memberId: created.id }, password);
  await evidence.add(session.who, entryForm({ place: "added after an admin created the account" }));
  expect(await places(session.who)).toEqual(["added after an admin created the account"]);
  const key = (await keyFromSession(db, created.id, session.token))!;
  expect((await keyFromCode(db, created.id, created.codes[9]!))!.equals(key)).toBe(true);
});

test("signing out deletes that session's wrap: its token reads nothing, the other session still does", async () => {
  const m = await memberWithEntry();
  const other = await signIn(m, m.password);
  await services.auth.signOut(sessionIdFromToken(other.token));
  expect(await sessionWrap(other.token)).toEqual([]);
  expect(await keyFromSession(db, m.memberId, other.token)).toBeNull();
  expect(await stateOf(other.who)).toBe("locked");
  await expect(evidence.list(other.who)).rejects.toEqual(locked);
  await expect(evidence.add(other.who, entryForm())).rejects.toEqual(locked);
  await expect(evidence.exportJson(other.who)).rejects.toEqual(locked);
  expect(await places(m.who)).toEqual(["Night Owls 夜猫子交流群"]);
});

test("revoking a session from the sessions page deletes its wrap: its token reads nothing", async () => {
  const m = await memberWithEntry();
  const other = await signIn(m, m.password);
  // Another member cannot revoke it…
  const stranger = await member();
  expect(await services.auth.endSession(stranger.memberId, sessionIdFromToken(other.token))).toBe(0);
  expect(await sessionWrap(other.token)).toHaveLength(1);
  // …the member can.
  expect(await services.auth.endSession(m.memberId, sessionIdFromToken(other.token))).toBe(1);
  expect(await sessionWrap(other.token)).toEqual([]);
  expect(await stateOf(other.who)).toBe("locked");
  await expect(evidence.list(other.who)).rejects.toEqual(locked);
  expect(await places(m.who)).toEqual(["Night Owls 夜猫子交流群"]);
});

test("an expired session's wrap goes when expired sessions are deleted; a session still valid keeps its own", async () => {
  const m = await memberWithEntry();
  const renewed = await signIn(m, m.password);
  const later = new Date(Date.now() + 31 * DAY);
  // The second session was renewed (sliding expiry): it is still valid at `later`.
  await db
    .update(sessions)
    .set({ expiresAt: new Date(later.getTime() + 10 * DAY) })
    .where(eq(sessions.id, sessionIdFromToken(renewed.token)));
  // Before the first session's expiry, it stays, and its wrap with it.
  await services.auth.deleteExpiredSessions(new Date(Date.now() + DAY));
  expect(await sessionWrap(m.token)).toHaveLength(1);
  await services.auth.deleteExpiredSessions(later);
  expect(await sessionWrap(m.token)).toEqual([]);
  expect(await stateOf(m.who)).toBe("locked");
  await expect(evidence.list(m.who)).rejects.toEqual(locked);
  expect(await places(renewed.who)).toEqual(["Night Owls 夜猫子交流群"]);
});

test("a request with an expired session's cookie ends that session, and its wrap with it", async () => {
  const m = await memberWithEntry();
  const stale = await signIn(m, m.password);
  await db
    .update(sessions)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(sessions.id, sessionIdFromToken(stale.token)));
  expect(await sessionWrap(stale.token)).toHaveLength(1);
  expect(await services.auth.validateSession(stale.token)).toBeNull();
  expect(await sessionWrap(stale.token)).toEqual([]);
  expect(await stateOf(stale.who)).toBe("locked");
  expect(await places(m.who)).toEqual(["Night Owls 夜猫子交流群"]);
});

test("a member from before the log has none; `start` seals one for this session, and their old codes are counted", async () => {
  const m = await member();
  await db.delete(evidenceKeys).where(eq(evidenceKeys.memberId, m.memberId)); // as before migration 0008
  expect(await evidence.state(m.who)).toEqual({ state: "none", codesWithoutWrap: 0, entries: 0 });
  await expect(evidence.add(m.who, entryForm())).rejects.toEqual(locked);
  await expect(evidence.start(m.who, { current: "not my passphrase at all" }, "evidence-test")).rejects.toMatchObject({
    name: "Invalid",
    fields: { current: "passphrase.currentWrong" },
  });
  expect(await keyRows(m.memberId)).toEqual([]);
  await evidence.start(m.who, { current: m.password }, "evidence-test");
  expect(await evidence.state(m.who)).toEqual({ state: "open", codesWithoutWrap: 10, entries: 0 });
  await evidence.add(m.who, entryForm({ place: "first entry of a late log" }));
  expect(await places(m.who)).toEqual(["first entry of a late log"]);
  // Starting again changes nothing: the same key, the same entries.
  const key = await keyFromSession(db, m.memberId, m.token);
  await evidence.start(m.who, { current: m.password }, "evidence-test");
  expect((await keyFromSession(db, m.memberId, m.token))!.equals(key!)).toBe(true);
  expect((await keyRows(m.memberId)).filter((w) => w.kind === "passphrase")).toHaveLength(1);
  // Its old codes open nothing; new codes do, and are no longer counted.
  expect(await keyFromCode(db, m.memberId, m.codes[0]!)).toBeNull();
  const codes = await services.auth.regenerateRecoveryCodes(m.memberId, { current: m.password }, "evidence-test");
  expect((await keyFromCode(db, m.memberId, codes[0]!))!.equals(key!)).toBe(true);
  expect((await evidence.state(m.who)).codesWithoutWrap).toBe(0);
});

test("a member from before the log who signs in gets a log in the new session; the earlier session unlocks it", async () => {
  const m = await member();
  await db.delete(evidenceKeys).where(eq(evidenceKeys.memberId, m.memberId));
  const fresh = await signIn(m, m.password);
  expect(await stateOf(fresh.who)).toBe("open");
  expect(await stateOf(m.who)).toBe("locked");
  await evidence.add(fresh.who, entryForm({ place: "written after signing in" }));
  await evidence.unlock(m.who, { current: m.password }, "evidence-test");
  expect(await places(m.who)).toEqual(["written after signing in"]);
});

test("a locked session unlocks with the passphrase; a wrong one is refused and opens nothing", async () => {
  const m = await memberWithEntry();
  await db.delete(evidenceKeys).where(eq(evidenceKeys.sessionId, sessionIdFromToken(m.token))); // a session from before the log
  expect(await evidence.state(m.who)).toEqual({ state: "locked", codesWithoutWrap: 0, entries: 1 });
  await expect(evidence.list(m.who)).rejects.toEqual(locked);
  await expect(evidence.unlock(m.who, { current: `${m.password}!` }, "evidence-test")).rejects.toMatchObject({
    name: "Invalid",
    fields: { current: "evidence.error.unlockFailed" },
  });
  await expect(evidence.unlock(m.who, { current: "" }, "evidence-test")).rejects.toMatchObject({ name: "Invalid", fields: { current: "passphrase.required" } });
  expect(await sessionWrap(m.token)).toEqual([]);
  await evidence.unlock(m.who, { current: m.password }, "evidence-test");
  expect(await stateOf(m.who)).toBe("open");
  expect(await places(m.who)).toEqual(["Night Owls 夜猫子交流群"]);
  expect((await keyFromSession(db, m.memberId, m.token))!.equals(m.dataKey)).toBe(true);
});

test("wrong passphrases to unlock are throttled like every passphrase check, on the same counter", async () => {
  const m = await memberWithEntry();
  await db.delete(evidenceKeys).where(eq(evidenceKeys.sessionId, sessionIdFromToken(m.token)));
  for (let i = 0; i < 5; i++)
    await expect(evidence.unlock(m.who, { current: `wrong guess number ${i}` }, "guesser")).rejects.toMatchObject({
      name: "Invalid",
      fields: { current: "evidence.error.unlockFailed" },
    });
  // Blocked now, even with the right passphrase, and for the other passphrase checks as well.
  await expect(evidence.unlock(m.who, { current: m.password }, "guesser")).rejects.toMatchObject({ name: "TooManyAttempts" });
  await expect(services.auth.regenerateRecoveryCodes(m.memberId, { current: m.password }, "guesser")).rejects.toMatchObject({ name: "TooManyAttempts" });
  await expect(evidence.start(m.who, { current: m.password }, "guesser")).rejects.toMatchObject({ name: "TooManyAttempts" });
  expect(await stateOf(m.who)).toBe("locked");
  // The member on another device is not locked out (decision 004: blocks are per pseudonym and client).
  await evidence.unlock(m.who, { current: m.password }, "members-own-device");
  expect(await places(m.who)).toEqual(["Night Owls 夜猫子交流群"]);
});

test("two sign-ins at once of a member without a log end with one key: each session reads what the other writes", async () => {
  const racers = await Promise.all([member(), member(), member()]);
  await db.delete(evidenceKeys).where(
    inArray(
      evidenceKeys.memberId,
      racers.map((m) => m.memberId),
    ),
  );
  // The same database through a drizzle that notes each attempt to write a passphrase's wrap: two
  // for one member means both sign-ins found no log, the race sealNewLog must settle.
  const attempts = new Map<string, number>();
  const noting = drizzle(database.pool, {
    schema,
    logger: {
      logQuery: (query, params) => {
        if (query.startsWith('insert into "evidence_keys"') && params.includes("passphrase"))
          attempts.set(String(params[0]), (attempts.get(String(params[0])) ?? 0) + 1);
      },
    },
  });
  const racingSignIn = async (m: { pseudonym: string; memberId: string; password: string }) => {
    const { token } = await signInDirectly({ db: noting, throttle: memoryThrottle() }, { pseudonym: m.pseudonym, password: m.password }, "racer");
    return { token, who: whoFor(m.memberId, token) };
  };
  for (const m of racers) {
    const [a, b] = await Promise.all([racingSignIn(m), racingSignIn(m)]);
    expect((await keyRows(m.memberId)).filter((w) => w.kind === "passphrase")).toHaveLength(1);
    expect([await stateOf(a.who), await stateOf(b.who)]).toEqual(["open", "open"]);
    await evidence.add(a.who, entryForm({ place: "written by session A", seenAt: "2026-03-01T10:00" }));
    await evidence.add(b.who, entryForm({ place: "written by session B", seenAt: "2026-03-02T10:00" }));
    expect(await places(a.who)).toEqual(["written by session B", "written by session A"]);
    expect(await places(b.who)).toEqual(["written by session B", "written by session A"]);
    expect((await keyFromSession(db, m.memberId, a.token))!.equals((await keyFromSession(db, m.memberId, b.token))!)).toBe(true);
  }
  // The race did happen (argon2 between the look and the write leaves a wide window), at least once.
  expect(racers.filter((m) => attempts.get(m.memberId) === 2).length).toBeGreaterThan(0);
});

test("an entry whose sealed bytes or nonce were altered is listed as broken, never with its contents", async () => {
  const m = await member();
  const add = async (place: string, seenAt: string) => (await evidence.add(m.who, entryForm({ place, seenAt, description: `about ${place}` }))).id;
  const intact = await add("intact entry", "2026-03-05T10:00");
  const bodyAltered = await add("body altered", "2026-03-04T10:00");
  const tagAltered = await add("tag altered", "2026-03-03T10:00");
  const nonceAltered = await add("nonce altered", "2026-03-02T10:00");
  const rows = new Map((await entryRows(m.memberId)).map((r) => [r.id, r]));
  await db
    .update(evidenceEntries)
    .set({ sealed: flipByte(rows.get(bodyAltered)!.sealed, 3) })
    .where(eq(evidenceEntries.id, bodyAltered));
  await db
    .update(evidenceEntries)
    .set({ sealed: flipByte(rows.get(tagAltered)!.sealed, rows.get(tagAltered)!.sealed.length - 1) })
    .where(eq(evidenceEntries.id, tagAltered));
  await db
    .update(evidenceEntries)
    .set({ nonce: flipByte(rows.get(nonceAltered)!.nonce, 0) })
    .where(eq(evidenceEntries.id, nonceAltered));

  const listed = await evidence.list(m.who);
  expect(listed[0]).toMatchObject({ id: intact, place: "intact entry" });
  expect(listed.slice(1).sort((a, b) => a.id.localeCompare(b.id))).toEqual([bodyAltered, tagAltered, nonceAltered].sort().map((id) => ({ id, broken: true })));
  const shown = JSON.stringify(listed);
  for (const place of ["body altered", "tag altered", "nonce altered"]) expect(shown).not.toContain(place);
  // A filter shows broken entries too (they have nothing to filter on), never their contents.
  expect((await evidence.list(m.who, { platform: "weibo" })).map((e) => e.id).sort()).toEqual([bodyAltered, tagAltered, nonceAltered].sort());
  // Everywhere else the entry appears: broken, and nothing of it.
  expect(await evidence.get(m.who, bodyAltered)).toEqual({ id: bodyAltered, broken: true });
  expect(await evidence.takedown(m.who, bodyAltered, "en")).toBeNull();
  const exported = JSON.parse(await evidence.exportJson(m.who));
  expect(exported.entries.filter((e: { broken?: boolean }) => e.broken)).toHaveLength(3);
  const csv = await evidence.exportCsv(m.who, "en");
  expect(csv).not.toContain("body altered");
  expect(csv.trim().split("\r\n")).toHaveLength(5);
});

test("sealed bytes moved to another row, or to another member, open nothing there", async () => {
  const owner = await member();
  const other = await member();
  const source = (await evidence.add(owner.who, entryForm({ place: "the original", seenAt: "2026-03-09T10:00" }))).id;
  const target = (await evidence.add(owner.who, entryForm({ place: "overwritten by a copy", seenAt: "2026-03-08T10:00" }))).id;
  const swapA = (await evidence.add(owner.who, entryForm({ place: "swap A", seenAt: "2026-03-07T10:00" }))).id;
  const swapB = (await evidence.add(owner.who, entryForm({ place: "swap B", seenAt: "2026-03-06T10:00" }))).id;
  const foreign = (await evidence.add(other.who, entryForm({ place: "the other member's own" }))).id;
  const rows = new Map((await entryRows(owner.memberId)).map((r) => [r.id, r]));
  const copy = (from: string, to: string) =>
    db
      .update(evidenceEntries)
      .set({ nonce: rows.get(from)!.nonce, sealed: rows.get(from)!.sealed })
      .where(eq(evidenceEntries.id, to));
  await copy(source, target);
  await copy(swapA, swapB);
  await copy(swapB, swapA);
  // Into another member's row, and a whole row handed to another member.
  await db
    .update(evidenceEntries)
    .set({ nonce: rows.get(source)!.nonce, sealed: rows.get(source)!.sealed })
    .where(eq(evidenceEntries.id, foreign));
  const handed = (await evidence.add(owner.who, entryForm({ place: "handed over" }))).id;
  await db.update(evidenceEntries).set({ memberId: other.memberId }).where(eq(evidenceEntries.id, handed));

  expect(await places(owner.who)).toEqual(["the original", "broken", "broken", "broken"]);
  expect(await evidence.get(owner.who, target)).toEqual({ id: target, broken: true });
  expect(await evidence.get(owner.who, swapA)).toEqual({ id: swapA, broken: true });
  expect(await evidence.get(owner.who, swapB)).toEqual({ id: swapB, broken: true });
  expect((await evidence.list(other.who)).sort((a, b) => a.id.localeCompare(b.id))).toEqual([foreign, handed].sort().map((id) => ({ id, broken: true })));
  await expect(evidence.get(owner.who, handed)).rejects.toMatchObject({ name: "NotFound" });
});

test("an altered wrap opens nothing: a session's, the passphrase's, a code's", async () => {
  const m = await memberWithEntry();
  const wraps = await keyRows(m.memberId);
  const alter = (kind: string, field: "wrapped" | "nonce" | "salt") => {
    const w = wraps.find((row) => row.kind === kind)!;
    return db
      .update(evidenceKeys)
      .set({ [field]: flipByte(w[field]) })
      .where(eq(evidenceKeys.id, w.id));
  };
  await alter("session", "wrapped");
  expect(await keyFromSession(db, m.memberId, m.token)).toBeNull();
  expect(await stateOf(m.who)).toBe("locked");
  await expect(evidence.list(m.who)).rejects.toEqual(locked);

  await alter("passphrase", "salt");
  expect(await keyFromPassphrase(db, m.memberId, m.password)).toBeNull();
  // Signing in still works (the login is the login hash's), but the new session cannot open the log.
  const again = await signIn(m, m.password);
  expect(await stateOf(again.who)).toBe("locked");
  await expect(evidence.unlock(again.who, { current: m.password }, "evidence-test")).rejects.toMatchObject({
    name: "Invalid",
    fields: { current: "evidence.error.unlockFailed" },
  });

  const recoveryWraps = wraps.filter((w) => w.kind === "recovery");
  await db
    .update(evidenceKeys)
    .set({ nonce: flipByte(recoveryWraps[0]!.nonce) })
    .where(eq(evidenceKeys.id, recoveryWraps[0]!.id));
  const opened = await Promise.all(m.codes.map(async (code) => ({ code, key: await keyFromCode(db, m.memberId, code) })));
  expect(opened.filter((o) => o.key === null)).toHaveLength(1);
  expect(opened.filter((o) => o.key?.equals(m.dataKey))).toHaveLength(9);
  // A code that still opens it recovers the log, entries and all.
  const good = opened.find((o) => o.key !== null)!.code;
  const recovered = await services.auth.recover({ pseudonym: m.pseudonym, code: good, password: m.password, confirmPassword: m.password }, "evidence-test");
  expect(await places(whoFor(m.memberId, recovered.token))).toEqual(["Night Owls 夜猫子交流群"]);
});

test("a session whose wrap no longer opens is locked, and unlocking it with the passphrase opens it again", async () => {
  const m = await memberWithEntry();
  const [wrap] = await sessionWrap(m.token);
  await db
    .update(evidenceKeys)
    .set({ wrapped: flipByte(wrap!.wrapped) })
    .where(eq(evidenceKeys.id, wrap!.id));
  expect(await stateOf(m.who)).toBe("locked");
  await evidence.unlock(m.who, { current: m.password }, "evidence-test");
  // unlock answered without an error: the member is told the log is open, so it must be.
  expect(await stateOf(m.who)).toBe("open");
  expect(await places(m.who)).toEqual(["Night Owls 夜猫子交流群"]);
});

test("erasing a member deletes every row of their log, and nobody else's", async () => {
  const m = await memberWithEntry();
  await signIn(m, m.password);
  await evidence.add(m.who, entryForm({ place: "second entry" }));
  const bystander = await memberWithEntry("the bystander's entry");
  expect(await entryRows(m.memberId)).toHaveLength(2);
  expect(await keyRows(m.memberId)).toHaveLength(13);
  await db.delete(members).where(eq(members.id, m.memberId));
  expect(await db.select().from(evidenceEntries).where(eq(evidenceEntries.memberId, m.memberId))).toEqual([]);
  expect(await db.select().from(evidenceKeys).where(eq(evidenceKeys.memberId, m.memberId))).toEqual([]);
  expect(await places(bystander.who)).toEqual(["the bystander's entry"]);
  expect(await keyRows(bystander.memberId)).toHaveLength(12);
  expect(
    await db
      .select()
      .from(evidenceKeys)
      .where(and(eq(evidenceKeys.memberId, bystander.memberId), eq(evidenceKeys.kind, "session"))),
  ).toHaveLength(1);
});
