// argon2id with m = 19 MiB, t = 2, p = 1 (OWASP ASVS 5.0 11.4.2 / appendix C).
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import { normalizePassphrase } from "./passphrase-policy.ts";

export const ARGON2_PARAMS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassphrase(passphrase: string): Promise<string> {
  return hash(normalizePassphrase(passphrase), ARGON2_PARAMS);
}

export async function verifyPassphrase(stored: string, passphrase: string): Promise<boolean> {
  try {
    return await verify(stored, normalizePassphrase(passphrase));
  } catch {
    return false;
  }
}

// A hash of a random value: unknown pseudonyms are verified against it so that a sign-in for a
// name that does not exist costs the same time as one that does (ASVS 6.3.8).
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassphrase(randomBytes(32).toString("base64"));
  return dummy;
}
