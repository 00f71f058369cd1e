import { eq } from "drizzle-orm";
import type { Locale } from "#app/i18n/catalog.ts";
import type { Db } from "#db/client.ts";
import { members } from "#db/schema.ts";

export async function setMemberLocale(db: Db, memberId: string, locale: Locale) {
  await db.update(members).set({ locale }).where(eq(members.id, memberId));
}
