import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Locale } from "#app/i18n/catalog.ts";
import type { Db } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { parseForm } from "#server/forms.ts";

export async function setMemberLocale(db: Db, memberId: string, locale: Locale) {
  await db.update(members).set({ locale }).where(eq(members.id, memberId));
}

export interface Preferences {
  openContentWarnings: boolean;
  quickExitSignsOut: boolean;
}

// A checkbox sends "on" when ticked and nothing at all when not.
const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((value) => value === "on" || value === "true" || value === true);
const preferencesForm = z.object({ openContentWarnings: checkbox, quickExitSignsOut: checkbox });

export async function memberPreferences(db: Db, memberId: string): Promise<Preferences> {
  const [row] = await db
    .select({ openContentWarnings: members.openContentWarnings, quickExitSignsOut: members.quickExitSignsOut })
    .from(members)
    .where(eq(members.id, memberId));
  return row ?? { openContentWarnings: false, quickExitSignsOut: false };
}

export async function setMemberPreferences(db: Db, memberId: string, data: FormData | Record<string, unknown>): Promise<Preferences> {
  const preferences = parseForm(preferencesForm, data);
  await db.update(members).set(preferences).where(eq(members.id, memberId));
  return preferences;
}

export async function openContentWarnings(db: Db, memberId: string) {
  const [row] = await db.select({ open: members.openContentWarnings }).from(members).where(eq(members.id, memberId));
  return row?.open ?? false;
}
