// What /exit does for this visitor: where to send them, and whether to end their session first
// (the member's "quick exit also signs me out" choice, or discreet mode on this device).
// docs/decisions/006-quick-exit.md; docs/safety.md, "Discreet mode".
import { eq } from "drizzle-orm";
import type { Locale } from "#app/i18n/catalog.ts";
import type { Db } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { quickExitDestination } from "#server/settings/public.ts";

export interface QuickExitVisitor {
  memberId: string | null;
  locale: Locale;
  /** The request came from another site's page (Sec-Fetch-Site cross-site or same-site): a
   *  link elsewhere must not be able to sign a member out. */
  crossSite: boolean;
  /** Discreet mode is on for this device (server/safety/discreet-mode.ts): leaving signs out,
   *  whatever the member's own setting. */
  discreet: boolean;
}

export async function planQuickExit(db: Db, visitor: QuickExitVisitor) {
  const [destination, signOut] = await Promise.all([
    quickExitDestination(db, visitor.locale),
    visitor.memberId && !visitor.crossSite ? visitor.discreet || signsOut(db, visitor.memberId) : false,
  ]);
  return { destination, signOut };
}

async function signsOut(db: Db, memberId: string) {
  const [row] = await db.select({ signsOut: members.quickExitSignsOut }).from(members).where(eq(members.id, memberId));
  return row?.signsOut ?? false;
}
