// Reporting a post to the moderators. The report is stored for their queue; reporting the same
// post twice keeps one report (the newest reason and note).
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { posts, reports } from "#db/schema.ts";
import { NotFound } from "#server/errors.ts";
import { parseForm } from "#server/forms.ts";
import { REPORT_NOTE_MAX } from "#app/contracts/limits.ts";
import { REPORT_REASONS } from "#app/contracts/reports.ts";
import { isUuid } from "#server/ids.ts";
import { findThread } from "./thread-page.ts";
import type { Viewer } from "./viewer.ts";

const reportForm = z.object({
  reason: z.enum(REPORT_REASONS, { message: "report.reasonRequired" }),
  note: z
    .string()
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").trim())
    .pipe(z.string().max(REPORT_NOTE_MAX, "report.noteTooLong"))
    .transform((v) => v || null),
});

/** The post, if the member may see it (visible, in a thread they may read). */
export async function reportablePost(db: Db, member: NonNullable<Viewer>, postId: string) {
  if (!isUuid(postId)) throw new NotFound();
  const [post] = await db
    .select({ id: posts.id, threadId: posts.threadId })
    .from(posts)
    .where(and(eq(posts.id, postId), inArray(posts.status, ["visible", "pending"])));
  if (!post || !(await findThread(db, member, post.threadId))) throw new NotFound();
  return post;
}

export async function reportPost(db: Db, member: NonNullable<Viewer>, postId: string, data: FormData | Record<string, unknown>) {
  const post = await reportablePost(db, member, postId);
  const form = parseForm(reportForm, data);
  await db
    .insert(reports)
    .values({ postId: post.id, reporterId: member.id, reason: form.reason, note: form.note })
    .onConflictDoUpdate({ target: [reports.postId, reports.reporterId], set: { reason: form.reason, note: form.note } });
  return { threadId: post.threadId };
}
