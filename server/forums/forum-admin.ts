// Admin: a forum is members-only unless an admin marks it public (issue 4).
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { forums } from "#db/schema.ts";
import { Invalid, NotFound } from "#server/errors.ts";

export async function setForumVisibility(db: Db, slug: string, visibility: string) {
  if (visibility !== "public" && visibility !== "members") throw new Invalid({ visibility: "form.invalid" });
  const [forum] = await db.update(forums).set({ visibility }).where(eq(forums.slug, slug)).returning({ slug: forums.slug, visibility: forums.visibility });
  if (!forum) throw new NotFound();
  return forum;
}
