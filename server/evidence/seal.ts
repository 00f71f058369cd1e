// The evidence log's cryptography (decision 018), all from node:crypto and @node-rs/argon2:
// AES-256-GCM with a random 96-bit nonce for every seal; keys derived by argon2id from the
// passphrase (people choose it: it must be slow to guess) and by HKDF-SHA-256 from a recovery
// code (80 random bits) or a session token (160 random bits), each derivation with its own salt.
// What a seal binds as additional data (the owner, the row, the wrap's kind) must match when it
// is opened, or it does not open: a record moved, swapped or altered is detected, never shown.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { hashRaw } from "@node-rs/argon2";
import { ARGON2_PARAMS } from "#server/auth/password-hash.ts";
import { normalizePassphrase } from "#server/auth/passphrase-policy.ts";
import { normalizeCode } from "#server/auth/recovery-codes.ts";

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SALT_BYTES = 16;

export interface Sealed {
  nonce: Buffer;
  sealed: Buffer;
}

/** A record that did not open: altered, moved, or sealed under another key. */
export class SealBroken extends Error {
  constructor() {
    super("sealed record did not open");
    this.name = "SealBroken";
  }
}

export const newDataKey = () => randomBytes(KEY_BYTES);
export const newSalt = () => randomBytes(SALT_BYTES);

export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, sealed: Buffer.concat([body, cipher.getAuthTag()]) };
}

/** The plaintext, or SealBroken when the record, its nonce or `aad` is not what was sealed. */
export function open(key: Buffer, record: Sealed, aad: string): Buffer {
  if (record.nonce.length !== NONCE_BYTES || record.sealed.length < TAG_BYTES) throw new SealBroken();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, record.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(record.sealed.subarray(record.sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(record.sealed.subarray(0, record.sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealBroken();
  }
}

/** A wrapping key from the passphrase: argon2id at the login hash's cost, with the wrap's own salt
 *  (never the login hash's), so the stored login hash says nothing about it. */
export function passphraseKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return hashRaw(normalizePassphrase(passphrase), { ...ARGON2_PARAMS, salt, outputLen: KEY_BYTES });
}

const hkdf = (secret: string, salt: Buffer, info: string) => Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), salt, info, KEY_BYTES));

/** A wrapping key from a recovery code, however it was typed (spaces, dashes, case). */
export const recoveryCodeKey = (code: string, salt: Buffer) => hkdf(normalizeCode(code), salt, "hearth evidence log: recovery code");

/** A wrapping key from a session's token, which only the member's cookie holds. */
export const sessionKey = (token: string, salt: Buffer) => hkdf(token, salt, "hearth evidence log: session");
