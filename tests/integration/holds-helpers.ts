// Shared by the holds and probation tests: members and posts over HTTP, as a browser without
// JavaScript sends them, and the queue items a post opened.
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "#db/client.ts";
import { queueItems } from "#db/schema.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";

export async function joinOverHttp(url: string, language: "en" | "zh-Hans" = "en") {
  const client = new Browserless(url, { "accept-language": language });
  const pseudonym = uniquePseudonym();
  const res = await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  expect(res.status).toBe(200);
  return { client, pseudonym };
}

const keyIn = (html: string) => html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;

export async function replyOverHttp(client: Browserless, threadId: string, body: string) {
  const key = keyIn(await (await client.get(`/t/${threadId}`)).text());
  return client.post(`/t/${threadId}`, { idempotencyKey: key, intent: "post", body, contentWarning: "" });
}

export async function threadOverHttp(client: Browserless, forum: string, title: string, body: string) {
  const key = keyIn(await (await client.get(`/f/${forum}/new`)).text());
  return client.post(`/f/${forum}/new`, { idempotencyKey: key, intent: "post", title, body, contentWarning: "" });
}

/** The post id a posting redirect lands on (…#post-<id>) and its notices. */
export function landing(res: Response) {
  const location = res.headers.get("location") ?? "";
  const url = new URL(location, "http://x");
  return { location, postId: url.hash.replace("#post-", ""), threadId: url.pathname.split("/")[2]!, notices: url.searchParams.getAll("notice") };
}

export async function itemsOn(db: Db, postId: string) {
  return db.select().from(queueItems).where(eq(queueItems.postId, postId));
}
