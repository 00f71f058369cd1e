// Two transactions that each wait for a row the other holds: PostgreSQL breaks the deadlock by
// failing one of them (40P01). Hearth orders its locks to avoid it (a member's row before a
// thread's, as erasure takes them: server/forums/posting.ts), and where two paths cannot agree
// on an order (a moderator acting on a post of a member being erased), the one that lost runs
// again: it then sees what the other committed. Work that reaches outside the transaction must
// not be in `work`.

/** Whether PostgreSQL failed this transaction to break a deadlock (drizzle wraps the driver's error). */
export function isDeadlock(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | null, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++)
    if (e.code === "40P01") return true;
  return false;
}

/** Runs a transaction again, up to `tries` times in all, when it was failed to break a deadlock. */
export async function retryingDeadlocks<T>(transaction: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (err) {
      if (attempt >= tries || !isDeadlock(err)) throw err;
    }
  }
}
