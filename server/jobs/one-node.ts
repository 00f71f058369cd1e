// Jobs run on one node at a time (issue 12): a PostgreSQL advisory lock, held on a connection of
// the job's own for the length of the run, so that the run's statements can be many short ones
// (a backlog deleted in batches holds no row lock for long). A node that finds the lock taken
// skips this run; the next hour's comes round anyway. The lock goes with the connection, so a
// node that dies mid-run holds nobody up.
import type { Db } from "#db/client.ts";

/** Each job's own key for pg_try_advisory_lock. The retention job's is in server/retention. */
export const JOB_LOCKS = { chatRetention: 0x4845_4348, sessionCleanup: 0x4845_5345 } as const; // "HECH", "HESE"

/** Runs `run` unless another node holds `key`; null when it does. */
export async function onOneNode<T>(db: Db, key: number, run: () => Promise<T>): Promise<T | null> {
  const client = await db.$client.connect();
  // A connection whose unlock failed goes away rather than back to the pool still holding the lock.
  let broken: Error | undefined;
  try {
    const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [key]);
    if (!rows[0]?.locked) return null;
    try {
      return await run();
    } finally {
      await client.query("select pg_advisory_unlock($1)", [key]).catch((err: Error) => {
        broken = err;
      });
    }
  } finally {
    client.release(broken);
  }
}
