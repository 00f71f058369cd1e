// Probation (docs/moderation.md): a member's first posts wait for a moderator until
// `probation.posts` of them have been approved. Moderators and admins are never on probation;
// a setting of 0 turns probation off.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { readSetting } from "#server/settings/store.ts";

export async function onProbation(db: Db, member: { id: string; role: "member" | "moderator" | "admin" }): Promise<boolean> {
  if (member.role !== "member") return false;
  const needed = await readSetting(db, "probation.posts");
  if (needed <= 0) return false;
  const [row] = await db.select({ approved: members.approvedPosts }).from(members).where(eq(members.id, member.id));
  return row !== undefined && row.approved < needed;
}
