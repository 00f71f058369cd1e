// The forum list as far as the foundation goes: names and descriptions per locale. Visibility,
// counts and activity come with the forums issue.
import { asc } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { forums } from "#db/schema.ts";

export async function listForums(db: Db) {
  return db
    .select({ slug: forums.slug, names: forums.names, descriptions: forums.descriptions, visibility: forums.visibility })
    .from(forums)
    .orderBy(asc(forums.position));
}
