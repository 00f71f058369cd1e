import { expect, test } from "vitest";
import { checkPassphrase, PASSPHRASE_MAX } from "#server/auth/passphrase-policy.ts";
import { ARGON2_PARAMS, hashPassphrase, verifyPassphrase } from "#server/auth/password-hash.ts";

test("at least 8 characters, no composition rules (ASVS 6.2.1, 6.2.5)", () => {
  expect(checkPassphrase("short77")).toBe("passphrase.tooShort");
  expect(checkPassphrase("lowercase only words")).toBeNull();
  expect(checkPassphrase("春眠不觉晓处处闻")).toBeNull(); // 8 CJK characters
  expect(checkPassphrase("")).toBe("passphrase.required");
});

test("long passphrases are allowed, up to a bound far beyond 64 (ASVS 6.2.9)", () => {
  expect(checkPassphrase("x".repeat(7) + "y".repeat(121))).toBeNull(); // 128
  expect(checkPassphrase("ab".repeat(PASSPHRASE_MAX / 2))).toBeNull();
  expect(checkPassphrase(`${"ab".repeat(PASSPHRASE_MAX / 2)}c`)).toBe("passphrase.tooLong");
});

test("common passwords are refused, whatever their case", () => {
  for (const common of ["password", "Password1", "12345678", "iloveyou", "qwertyuiop", "woaini1314", "aaaaaaaaaa"])
    expect(checkPassphrase(common), common).toBe("passphrase.common");
});

test("a passphrase containing the pseudonym is refused", () => {
  expect(checkPassphrase("my name is Willow ok", "willow")).toBe("passphrase.containsPseudonym");
});

test("no truncation and no case folding: every character counts (ASVS 6.2.3)", async () => {
  const long = `${"correct horse battery staple ".repeat(4)}END`;
  const hash = await hashPassphrase(long);
  expect(await verifyPassphrase(hash, long)).toBe(true);
  expect(await verifyPassphrase(hash, long.slice(0, -1))).toBe(false);
  expect(await verifyPassphrase(hash, long.toUpperCase())).toBe(false);
});

test("argon2id parameters are read back from the stored hash: m=19456 KiB, t=2, p=1", async () => {
  const hash = await hashPassphrase("a passphrase to inspect");
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
});

test("NFKC: the same passphrase typed as full-width characters still matches", async () => {
  const hash = await hashPassphrase("ｗｉｎｔｅｒ ｍｏｏｎ ２０２６");
  expect(await verifyPassphrase(hash, "winter moon 2026")).toBe(true);
});
