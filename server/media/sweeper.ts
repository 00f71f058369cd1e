// The sweeper re-checks what is stored with the current rules, at start and on a schedule: a
// body that now contains an image construct loses it, an attachment that now reads as an image
// is deleted, and posts rendered by an older sanitizer are rendered again. Removals are recorded
// and logged as counts only. One node sweeps at a time (a PostgreSQL advisory lock), and it
// yields between items so that requests are served in between (a render can take ~60 ms).
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { scheduleJob } from "#server/jobs/schedule.ts";
import { attachments, posts } from "#db/schema.ts";
import { inspect } from "./inspect.ts";
import { recordRemoval } from "./removals.ts";
import { renderMarkdown, SANITIZER_VERSION } from "./render-markdown.ts";
import { scrubImages } from "./scrub-text.ts";

const LOCK_ID = 7_482_002;
const BATCH = 100;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SweepReport {
  postsChecked: number;
  postsCleaned: number;
  postsRerendered: number;
  attachmentsChecked: number;
  attachmentsRemoved: number;
}

async function sweepPosts(database: Database, report: SweepReport) {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await database.db
      .select({
        id: posts.id,
        authorId: posts.authorId,
        bodySource: posts.bodySource,
        sanitizerVersion: posts.sanitizerVersion,
        contentWarning: posts.contentWarning,
      })
      .from(posts)
      .where(and(gt(posts.id, after), inArray(posts.status, ["visible", "pending", "removed"])))
      .orderBy(asc(posts.id))
      .limit(BATCH);
    if (batch.length === 0) return;
    for (const post of batch) {
      report.postsChecked++;
      const body = scrubImages(post.bodySource);
      const warning = post.contentWarning ? scrubImages(post.contentWarning) : null;
      const removed = [...body.removed, ...(warning?.removed ?? [])];
      if (removed.length > 0 || post.sanitizerVersion !== SANITIZER_VERSION) {
        // Rendered before the transaction: no connection is held through a synchronous render.
        const bodyHtml = renderMarkdown(body.text);
        await database.db.transaction(async (tx) => {
          for (const r of removed) await recordRemoval(tx, { memberId: post.authorId, channel: "sweep", format: r.kind, bytes: r.fragment });
          await tx
            .update(posts)
            .set({ bodySource: body.text, bodyHtml, sanitizerVersion: SANITIZER_VERSION, contentWarning: warning ? warning.text.trim() || null : null })
            .where(eq(posts.id, post.id));
        });
        if (removed.length > 0) report.postsCleaned++;
        else report.postsRerendered++;
      }
      await pause();
    }
    after = batch[batch.length - 1]!.id;
  }
}

async function sweepAttachments(database: Database, report: SweepReport) {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await database.db
      .select({ id: attachments.id, content: attachments.content, authorId: posts.authorId })
      .from(attachments)
      .innerJoin(posts, eq(posts.id, attachments.postId))
      .where(gt(attachments.id, after))
      .orderBy(asc(attachments.id))
      .limit(BATCH);
    if (batch.length === 0) return;
    for (const file of batch) {
      report.attachmentsChecked++;
      const bytes = Buffer.from(file.content, "utf8");
      const verdict = inspect(bytes);
      if (verdict.verdict !== "text") {
        await database.db.transaction(async (tx) => {
          await recordRemoval(tx, { memberId: file.authorId, channel: "sweep", format: verdict.format, bytes });
          await tx.delete(attachments).where(eq(attachments.id, file.id));
        });
        report.attachmentsRemoved++;
      }
      await pause();
    }
    after = batch[batch.length - 1]!.id;
  }
}

/** Runs one sweep unless another node is sweeping; null when it did not run. */
export async function sweep(database: Database): Promise<SweepReport | null> {
  const client = await database.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [LOCK_ID]);
    if (!rows[0]?.locked) return null;
    try {
      const report: SweepReport = { postsChecked: 0, postsCleaned: 0, postsRerendered: 0, attachmentsChecked: 0, attachmentsRemoved: 0 };
      await sweepPosts(database, report);
      await sweepAttachments(database, report);
      return report;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]);
    }
  } finally {
    client.release();
  }
}

/** Sweeps shortly after start, then every `everyMs`; returns a stop function. */
export function scheduleSweeps(database: Database, onReport: (report: SweepReport | null, error?: unknown) => void, everyMs = 6 * 60 * 60 * 1000) {
  return scheduleJob<SweepReport | null>({ run: () => sweep(database), everyMs, firstAfterMs: 1_000, onResult: onReport });
}
