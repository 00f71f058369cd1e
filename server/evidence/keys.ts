// A member's data key and its wraps (decision 018). The data key exists in clear only in this
// process's memory, for one request; the database holds it wrapped once per secret that may open
// it: the passphrase (argon2id), each recovery code and each signed-in session (HKDF). The auth
// flows call these inside their own transactions, with the secrets they already hold:
//   joining            → a new key, wrapped for the passphrase, each code and the new session
//   signing in         → opened with the passphrase, wrapped for the new session
//   recovery with code → opened with the code, wrapped for the new passphrase and session
//   passphrase change  → opened with the current passphrase, wrapped for the new one
//   new recovery codes → opened with the passphrase, wrapped for each new code
// Signing out, revoking a session or its expiry deletes the session row, and its wrap with it;
// replaced or used codes likewise.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client.ts";
import { evidenceKeys, members, recoveryCodes } from "#db/schema.ts";
import { normalizeCode } from "#server/auth/recovery-codes.ts";
import { sessionIdFromToken } from "#server/auth/session.ts";
import { sha256Hex } from "#server/auth/tokens.ts";
import { newDataKey, newSalt, open, passphraseKey, recoveryCodeKey, SealBroken, seal, sessionKey } from "./seal.ts";

type Kind = (typeof evidenceKeys.$inferSelect)["kind"];
const wrapAad = (memberId: string, kind: Kind) => `hearth evidence key v1 ${memberId} ${kind}`;

async function insertWrap(
  db: DbOrTx,
  memberId: string,
  kind: Kind,
  wrappingKey: (salt: Buffer) => Buffer | Promise<Buffer>,
  dataKey: Buffer,
  ref: { sessionId?: string; recoveryCodeId?: string } = {},
  salt: Buffer = newSalt(),
) {
  const { nonce, sealed } = seal(await wrappingKey(salt), dataKey, wrapAad(memberId, kind));
  const made = await db
    .insert(evidenceKeys)
    .values({ memberId, kind, salt, nonce, wrapped: sealed, ...ref })
    .onConflictDoNothing()
    .returning({ id: evidenceKeys.id });
  return made.length === 1;
}

function unwrap(row: typeof evidenceKeys.$inferSelect, wrappingKey: Buffer): Buffer | null {
  try {
    return open(wrappingKey, { nonce: row.nonce, sealed: row.wrapped }, wrapAad(row.memberId, row.kind));
  } catch (err) {
    if (err instanceof SealBroken) return null;
    throw err;
  }
}

/** True once the member has a log (a data key, wrapped at least for the passphrase). */
export async function hasLog(db: DbOrTx, memberId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: evidenceKeys.id })
    .from(evidenceKeys)
    .where(and(eq(evidenceKeys.memberId, memberId), eq(evidenceKeys.kind, "passphrase")));
  return Boolean(row);
}

/** A new, empty log: a fresh data key wrapped for every secret given. Returns the key. */
export async function sealNewLog(db: DbOrTx, memberId: string, secrets: { passphrase: string; codes?: string[]; sessionToken?: string }) {
  let dataKey: Buffer = newDataKey();
  // Two sign-ins at once both find no log: the second to write keeps the first one's key.
  if (!(await insertWrap(db, memberId, "passphrase", (salt) => passphraseKey(secrets.passphrase, salt), dataKey))) {
    const existing = await keyFromPassphrase(db, memberId, secrets.passphrase);
    if (!existing) return null;
    dataKey = existing;
  }
  if (secrets.codes) await wrapForCodes(db, memberId, secrets.codes, dataKey);
  if (secrets.sessionToken) await wrapForSession(db, memberId, secrets.sessionToken, dataKey);
  return dataKey;
}

export async function wrapForSession(db: DbOrTx, memberId: string, token: string, dataKey: Buffer) {
  // A wrap this session already has but that no longer opens (altered) is replaced.
  await db.delete(evidenceKeys).where(and(eq(evidenceKeys.memberId, memberId), eq(evidenceKeys.sessionId, sessionIdFromToken(token))));
  await insertWrap(db, memberId, "session", (salt) => sessionKey(token, salt), dataKey, { sessionId: sessionIdFromToken(token) });
}

/** Wraps for each of these codes (as just issued to the member; found by their stored hash). */
export async function wrapForCodes(db: DbOrTx, memberId: string, codes: string[], dataKey: Buffer) {
  const byHash = new Map(codes.map((code) => [sha256Hex(normalizeCode(code)), code]));
  const rows = await db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.memberId, memberId), inArray(recoveryCodes.codeHash, [...byHash.keys()])));
  for (const row of rows) {
    const code = byHash.get(row.codeHash)!;
    await insertWrap(db, memberId, "recovery", (salt) => recoveryCodeKey(code, salt), dataKey, { recoveryCodeId: row.id });
  }
}

/** The passphrase's wrap replaced by one for `passphrase`. */
export async function rewrapPassphrase(db: DbOrTx, memberId: string, passphrase: string, dataKey: Buffer) {
  const salt = newSalt();
  const wrappingKey = await passphraseKey(passphrase, salt);
  await db.transaction(async (tx) => {
    await tx.delete(evidenceKeys).where(and(eq(evidenceKeys.memberId, memberId), eq(evidenceKeys.kind, "passphrase")));
    await insertWrap(tx, memberId, "passphrase", () => wrappingKey, dataKey, {}, salt);
  });
}

/** The data key through this session's wrap, or null (no log, or no wrap for this session). */
export async function keyFromSession(db: DbOrTx, memberId: string, token: string): Promise<Buffer | null> {
  const [row] = await db
    .select()
    .from(evidenceKeys)
    .where(and(eq(evidenceKeys.memberId, memberId), eq(evidenceKeys.sessionId, sessionIdFromToken(token))));
  return row ? unwrap(row, sessionKey(token, row.salt)) : null;
}

/** The data key through the passphrase's wrap, or null (no log, or another passphrase sealed it). */
export async function keyFromPassphrase(db: DbOrTx, memberId: string, passphrase: string): Promise<Buffer | null> {
  const [row] = await db
    .select()
    .from(evidenceKeys)
    .where(and(eq(evidenceKeys.memberId, memberId), eq(evidenceKeys.kind, "passphrase")));
  return row ? unwrap(row, await passphraseKey(passphrase, row.salt)) : null;
}

/** The data key through this recovery code's wrap (used or not: recovery marks it used first), or null. */
export async function keyFromCode(db: DbOrTx, memberId: string, code: string): Promise<Buffer | null> {
  const [row] = await db
    .select({ wrap: evidenceKeys })
    .from(evidenceKeys)
    .innerJoin(recoveryCodes, eq(recoveryCodes.id, evidenceKeys.recoveryCodeId))
    .where(and(eq(evidenceKeys.memberId, memberId), eq(recoveryCodes.codeHash, sha256Hex(normalizeCode(code)))));
  return row ? unwrap(row.wrap, recoveryCodeKey(code, row.wrap.salt)) : null;
}

/** Drops the wrap of a code once it has been used: a used code opens nothing. */
export async function dropCodeWrap(db: DbOrTx, memberId: string, code: string) {
  await db.delete(evidenceKeys).where(
    and(
      eq(evidenceKeys.memberId, memberId),
      inArray(
        evidenceKeys.recoveryCodeId,
        db
          .select({ id: recoveryCodes.id })
          .from(recoveryCodes)
          .where(and(eq(recoveryCodes.memberId, memberId), eq(recoveryCodes.codeHash, sha256Hex(normalizeCode(code))))),
      ),
    ),
  );
}

/** Unused recovery codes that cannot open the log (made before it existed). */
export async function codesWithoutWrap(db: DbOrTx, memberId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .leftJoin(evidenceKeys, eq(evidenceKeys.recoveryCodeId, recoveryCodes.id))
    .where(and(eq(recoveryCodes.memberId, memberId), isNull(recoveryCodes.usedAt), isNull(evidenceKeys.id)));
  return row?.n ?? 0;
}

// What the auth flows call (above), each with the secrets it holds.

/** Signing in: the log opened with the passphrase for the new session; a member without a log
 *  gets one. A passphrase that no longer opens it (recovery with a code made before the log)
 *  opens nothing: the log's page asks for the earlier one. */
export async function onSignIn(db: DbOrTx, memberId: string, passphrase: string, token: string) {
  if (!(await hasLog(db, memberId))) return void (await sealNewLog(db, memberId, { passphrase, sessionToken: token }));
  const dataKey = await keyFromPassphrase(db, memberId, passphrase);
  if (dataKey) await wrapForSession(db, memberId, token, dataKey);
}

/** Recovery with a code (already marked used): the log opened with that code, sealed for the new
 *  passphrase and session. Without a log, a new one. */
export async function onRecovered(db: DbOrTx, memberId: string, code: string, passphrase: string, token: string) {
  if (!(await hasLog(db, memberId))) return void (await sealNewLog(db, memberId, { passphrase, sessionToken: token }));
  const dataKey = await keyFromCode(db, memberId, code);
  await dropCodeWrap(db, memberId, code);
  if (!dataKey) return;
  await rewrapPassphrase(db, memberId, passphrase, dataKey);
  await wrapForSession(db, memberId, token, dataKey);
}

/** The member's row locked for the rest of the transaction: flows that change the log's keys
 *  (passphrase change, new codes, starting over) take turns, so none seals with a retired key. */
export async function lockMember(db: DbOrTx, memberId: string) {
  await db.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for("update");
}

/** The data key through the current passphrase, or else through the asking session: a log sealed
 *  with an earlier passphrase (recovery with a code made before the log) that this session has
 *  opened. Either way the passphrase's wrap is then `passphrase`'s. */
async function keyForCurrentPassphrase(db: DbOrTx, memberId: string, passphrase: string, sessionToken?: string) {
  const fromPassphrase = await keyFromPassphrase(db, memberId, passphrase);
  if (fromPassphrase) return fromPassphrase;
  const fromSession = sessionToken ? await keyFromSession(db, memberId, sessionToken) : null;
  if (fromSession) await rewrapPassphrase(db, memberId, passphrase, fromSession);
  return fromSession;
}

/** A passphrase change (the current one just confirmed). */
export async function onPassphraseChanged(db: DbOrTx, memberId: string, current: string, next: string, sessionToken?: string) {
  const dataKey = await keyForCurrentPassphrase(db, memberId, current, sessionToken);
  if (dataKey) await rewrapPassphrase(db, memberId, next, dataKey);
}

/** New recovery codes (the passphrase just confirmed; the old codes, and their wraps, are gone). */
export async function onNewCodes(db: DbOrTx, memberId: string, passphrase: string, codes: string[], sessionToken?: string) {
  // A member without a log gets one here, sealed for the new codes and the asking session too.
  if (!(await hasLog(db, memberId))) return void (await sealNewLog(db, memberId, { passphrase, codes, sessionToken }));
  const dataKey = await keyForCurrentPassphrase(db, memberId, passphrase, sessionToken);
  if (dataKey) await wrapForCodes(db, memberId, codes, dataKey);
}
