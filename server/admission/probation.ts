// Probation: a new `member`'s first posts wait for a moderator. A member is on probation while
// fewer of their posts have been approved than the setting `probation.posts` (default 3; 0 turns
// probation off). Moderators and admins never are (docs/moderation.md, "Roles and standing").
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { readSetting } from "#server/settings/store.ts";

export async function onProbation(db: Db, member: { id: string; role: "member" | "moderator" | "admin" }): Promise<boolean> {
  if (member.role !== "member") return false;
  const [needed, [row]] = await Promise.all([
    readSetting(db, "probation.posts"),
    db.select({ approved: members.approvedPosts }).from(members).where(eq(members.id, member.id)),
  ]);
  return (row?.approved ?? 0) < needed;
}
