// A member's choice that their posts or chat messages fade (issue 12): 30, 90 or 365 days after
// they were written, or kept ("never"). The retention job deletes them (server/retention/expiry.ts).
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { members } from "#db/schema.ts";
import { parseForm } from "#server/forms.ts";

export const EXPIRY_CHOICES = ["never", "30", "90", "365"] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

const choice = z.enum(EXPIRY_CHOICES, { message: "form.invalid" });
const expiryForm = z.object({ posts: choice, chat: choice });

const toDays = (c: ExpiryChoice) => (c === "never" ? null : Number(c));
const toChoice = (days: number | null): ExpiryChoice => (days === null ? "never" : (String(days) as ExpiryChoice));

export async function memberExpiry(db: Db, memberId: string): Promise<{ posts: ExpiryChoice; chat: ExpiryChoice }> {
  const [row] = await db.select({ posts: members.postsExpireDays, chat: members.chatExpireDays }).from(members).where(eq(members.id, memberId));
  return { posts: toChoice(row?.posts ?? null), chat: toChoice(row?.chat ?? null) };
}

export async function setMemberExpiry(db: Db, memberId: string, data: FormData | Record<string, unknown>) {
  const form = parseForm(expiryForm, data);
  await db
    .update(members)
    .set({ postsExpireDays: toDays(form.posts), chatExpireDays: toDays(form.chat) })
    .where(eq(members.id, memberId));
  return form;
}
