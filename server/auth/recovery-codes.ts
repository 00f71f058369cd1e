// Ten single-use recovery codes, shown once; only their SHA-256 is stored. Each code carries
// 80 random bits, so a fast hash is enough (unlike passphrases, they are never chosen by people).
import { and, count, eq, gt, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "#db/client.ts";
import { recoveryCodes } from "#db/schema.ts";
import { randomToken, sha256Hex } from "./tokens.ts";

export const RECOVERY_CODE_COUNT = 10;

/** Lower case, no spaces or dashes, so "ABCD-EFGH …" typed any way matches. */
export function normalizeCode(input: string): string {
  return input
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s-]+/g, "");
}

function newCode(): string {
  return grouped(randomToken(10));
}

/** "abcdefgh…" as it is shown: groups of four joined by dashes. */
function grouped(plain: string): string {
  return plain.match(/.{1,4}/g)!.join("-");
}

/** Replaces all of a member's codes with ten new ones and returns them (the only time they exist in clear). */
export async function issueRecoveryCodes(db: DbOrTx, memberId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.memberId, memberId));
  await db.insert(recoveryCodes).values(codes.map((code) => ({ memberId, codeHash: sha256Hex(normalizeCode(code)) })));
  return codes;
}

/** Marks the code used if it is valid and unused; true when it was. */
export async function consumeRecoveryCode(db: DbOrTx, memberId: string, code: string): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.memberId, memberId), eq(recoveryCodes.codeHash, sha256Hex(normalizeCode(code))), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function unusedCodeCount(db: DbOrTx, memberId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.memberId, memberId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** How long after they were made codes may be shown again (a language switch on their page). */
export const SHOW_AGAIN_MS = 15 * 60 * 1000;

/**
 * `codes` as they were first shown, when they are exactly the member's ten current, unused
 * recovery codes made in the last 15 minutes: the page that showed them may show them again, in
 * another language, since whoever sends all ten already has them. The time limit keeps a form
 * sent again later from a shared browser's history (Back, "resubmit") from showing them to
 * whoever sits there next. Otherwise null. Nothing is stored or marked.
 */
export async function currentCodes(db: DbOrTx, memberId: string, codes: readonly string[], now = new Date()): Promise<string[] | null> {
  if (codes.length !== RECOVERY_CODE_COUNT) return null;
  const plain = codes.map(normalizeCode);
  const hashes = new Set(plain.map(sha256Hex));
  if (hashes.size !== RECOVERY_CODE_COUNT) return null;
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(
      and(
        eq(recoveryCodes.memberId, memberId),
        isNull(recoveryCodes.usedAt),
        gt(recoveryCodes.createdAt, new Date(now.getTime() - SHOW_AGAIN_MS)),
        inArray(recoveryCodes.codeHash, [...hashes]),
      ),
    );
  return row?.n === RECOVERY_CODE_COUNT ? plain.map(grouped) : null;
}
