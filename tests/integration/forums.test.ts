// Forums, threads and posts through the services and over HTTP: visibility, order, pages,
// idempotent posting, edit and delete rules, mentions, blocking and bad input.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { forums, mediaRemovals, notifications, posts, threads } from "#db/schema.ts";
import { deletePost, editPost } from "#server/forums/editing.ts";
import { forumPage } from "#server/forums/forum-page.ts";
import { listForums } from "#server/forums/list.ts";
import { block } from "#server/forums/blocking.ts";
import { threadPage } from "#server/forums/thread-page.ts";
import { ERASED_THREAD_TITLE } from "#server/privacy/placeholder.ts";
import { makePublic, replyTo, startThread, viewerFor } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;

async function memberClient() {
  const client = new Browserless(hearth.url);
  const pseudonym = uniquePseudonym();
  const res = await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  expect(res.status).toBe(200);
  return { client, pseudonym };
}

async function newThreadOverHttp(client: Browserless, forum: string, fields: Record<string, string>) {
  const page = await (await client.get(`/f/${forum}/new`)).text();
  const key = page.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  return { key, res: await client.post(`/f/${forum}/new`, { idempotencyKey: key, intent: "post", contentWarning: "", ...fields }) };
}

test("members-only forums are invisible to visitors everywhere: lists, pages, threads, counts", async () => {
  const { viewer } = await viewerFor(db);
  const t = await startThread(db, viewer, { forum: "support", title: "Private thread title" });
  await makePublic(db, "introductions");
  const visitor = new Browserless(hearth.url);
  const list = pageText(await (await visitor.get("/forums")).text());
  expect(list).toContain("Introductions");
  expect(list).not.toContain("Support");
  expect((await visitor.get("/f/support")).status).toBe(404);
  expect((await visitor.get(`/t/${t.threadId}`)).status).toBe(404);
  expect((await visitor.get("/f/no-such-forum")).status).toBe(404);
  const members = await listForums(db, viewer);
  const outsiders = await listForums(db, null);
  expect(members.map((f) => f.slug)).toContain("support");
  expect(outsiders.map((f) => f.slug)).toEqual(["introductions"]);
  expect(members.find((f) => f.slug === "support")!.threadCount).toBeGreaterThanOrEqual(1);
  await expect(threadPage(db, null, t.threadId, 1)).rejects.toMatchObject({ name: "NotFound" });
  const { client } = await memberClient();
  expect(pageText(await (await client.get(`/t/${t.threadId}`)).text())).toContain("Private thread title");
  const html = await (await client.get("/forums")).text();
  expect(html).toContain('name="robots" content="noindex');
});

test("threads: pinned first, then by last activity, 25 a page, with unread markers", async () => {
  const { viewer } = await viewerFor(db);
  const forum = `f${randomUUID().slice(0, 8)}`;
  await db.insert(forums).values({ slug: forum, names: { en: "Ordering" }, descriptions: {} });
  const made: string[] = [];
  for (let i = 0; i < 27; i++) made.push((await startThread(db, viewer, { forum, title: `Thread ${i}` })).threadId);
  await db.update(threads).set({ pinned: true }).where(eq(threads.id, made[0]!));
  await replyTo(db, viewer, made[5]!, "bumping this one");
  const reader = (await viewerFor(db)).viewer;
  const first = await forumPage(db, reader, forum, 1);
  expect(first.pages).toBe(2);
  expect(first.threads).toHaveLength(25);
  expect(first.threads[0]!.id).toBe(made[0]);
  expect(first.threads[1]!.id).toBe(made[5]);
  expect(first.threads[2]!.title).toBe("Thread 26");
  expect(first.threads.every((t) => t.unread)).toBe(true);
  const second = await forumPage(db, reader, forum, 2);
  expect(second.threads).toHaveLength(2);
  await threadPage(db, reader, made[5]!, 1);
  const after = await forumPage(db, reader, forum, 1);
  expect(after.threads.find((t) => t.id === made[5])!.unread).toBe(false);
  await replyTo(db, viewer, made[5]!, "and again");
  expect((await forumPage(db, reader, forum, 1)).threads.find((t) => t.id === made[5])!.unread).toBe(true);
});

test("posts in a thread are in order, 25 a page", async () => {
  const { viewer } = await viewerFor(db);
  const t = await startThread(db, viewer);
  for (let i = 1; i <= 26; i++) await replyTo(db, viewer, t.threadId, `reply number ${i}`);
  const one = await threadPage(db, viewer, t.threadId, 1);
  expect(one.pages).toBe(2);
  expect(one.posts).toHaveLength(25);
  expect(one.posts[1]!.bodyHtml).toContain("reply number 1");
  const last = await threadPage(db, viewer, t.threadId, "last");
  expect(last.page).toBe(2);
  expect(last.posts.map((p) => p.bodyHtml)).toEqual([expect.stringContaining("reply number 25"), expect.stringContaining("reply number 26")]);
  expect(last.posts[0]!.createdAt).toBeInstanceOf(Date);
  // A page past the end shows the last page.
  const beyond = await threadPage(db, viewer, t.threadId, 9);
  expect(beyond.page).toBe(2);
  expect(beyond.posts.map((p) => p.id)).toEqual(last.posts.map((p) => p.id));
});

test("a double submission of one form makes one post", async () => {
  const { client } = await memberClient();
  const { key, res } = await newThreadOverHttp(client, "support", { title: "Only once", body: "Submitted twice by a shaky hand" });
  expect(res.status).toBe(302);
  const again = await client.post("/f/support/new", { idempotencyKey: key, intent: "post", title: "Only once", body: "Submitted twice by a shaky hand" });
  expect(again.status).toBe(302);
  expect(again.headers.get("location")).toBe(res.headers.get("location"));
  expect(await db.select().from(threads).where(eq(threads.title, "Only once"))).toHaveLength(1);
  const threadId = res.headers.get("location")!.split("/t/")[1]!.split("?")[0]!;
  const page = await (await client.get(`/t/${threadId}`)).text();
  const replyKey = page.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  const [a, b] = await Promise.all([
    client.post(`/t/${threadId}`, { idempotencyKey: replyKey, intent: "post", body: "same reply" }),
    client.post(`/t/${threadId}`, { idempotencyKey: replyKey, intent: "post", body: "same reply" }),
  ]);
  expect([a.status, b.status]).toEqual([302, 302]);
  expect(await db.select().from(posts).where(eq(posts.threadId, threadId))).toHaveLength(2);
});

test("only the author edits or deletes; a deleted post keeps its place and its text is gone", async () => {
  const author = await viewerFor(db);
  const other = await viewerFor(db);
  const t = await startThread(db, author.viewer, { body: "a secret I regret sharing" });
  await expect(editPost(db, other.viewer, t.postId, { body: "hijacked", contentWarning: "" })).rejects.toMatchObject({ name: "NotFound" });
  await expect(deletePost(db, other.viewer, t.postId)).rejects.toMatchObject({ name: "NotFound" });
  await editPost(db, author.viewer, t.postId, { body: "edited words", contentWarning: "" });
  const [edited] = await db.select().from(posts).where(eq(posts.id, t.postId));
  expect(edited!.bodySource).toBe("edited words");
  expect(edited!.editedAt).not.toBeNull();
  await deletePost(db, author.viewer, t.postId);
  const [gone] = await db.select().from(posts).where(eq(posts.id, t.postId));
  expect(gone).toMatchObject({ status: "deleted", bodySource: "", bodyHtml: "" });
  const { rows } = await hearth.database.pool.query(
    "SELECT count(*)::int AS n FROM posts WHERE body_source LIKE '%secret I regret%' OR body_html LIKE '%secret I regret%'",
  );
  expect(rows[0].n).toBe(0);
  const { client } = await memberClient();
  expect(pageText(await (await client.get(`/t/${t.threadId}`)).text())).toContain("This post was removed by its author.");
});

test("deleting the opening post of one's own thread takes its title and warning; the replies stay, listed and readable", async () => {
  const author = await viewerFor(db);
  const other = await viewerFor(db);
  const title = `A title I regret ${randomUUID().slice(0, 8)}`;
  const t = await startThread(db, author.viewer, { title, contentWarning: "my own warning" });
  const theirs = await replyTo(db, other.viewer, t.threadId, "A reply that stays with its thread.");
  // Someone else's reply is not the opening post: deleting it changes no title.
  await deletePost(db, other.viewer, theirs.postId);
  expect((await db.select({ title: threads.title }).from(threads).where(eq(threads.id, t.threadId)))[0]!.title).toBe(title);
  const kept = await replyTo(db, other.viewer, t.threadId, "Another reply that stays.");
  const [before] = await db.select({ n: threads.postCount }).from(threads).where(eq(threads.id, t.threadId));
  await deletePost(db, author.viewer, t.postId);
  const [thread] = await db.select().from(threads).where(eq(threads.id, t.threadId));
  // Still theirs (moderators find reports about it on their page); only erasure detaches it.
  expect(thread).toMatchObject({ title: ERASED_THREAD_TITLE, contentWarning: null, authorId: author.viewer.id, status: "visible", postCount: before!.n });
  const { rows } = await hearth.database.pool.query("SELECT count(*)::int AS n FROM threads WHERE title = $1", [title]);
  expect(rows[0].n).toBe(0);
  // The thread page, the forum's list and search still work with no author.
  const { client } = await memberClient();
  const page = pageText(await (await client.get(`/t/${t.threadId}`)).text());
  expect(page).toContain(ERASED_THREAD_TITLE);
  expect(page).toContain("Another reply that stays.");
  expect(page).toContain("This post was removed by its author.");
  expect((await client.get("/f/support")).status).toBe(200);
  expect(pageText(await (await client.get(`/search?q=${encodeURIComponent("Another reply that stays")}`)).text())).toContain(ERASED_THREAD_TITLE);
  expect((await db.select().from(posts).where(eq(posts.id, kept.postId)))[0]!.status).toBe("visible");
});

test("@mentions notify the member named, not when they blocked the author", async () => {
  const writer = await viewerFor(db);
  const reader = await viewerFor(db);
  const blocker = await viewerFor(db);
  await block(db, blocker.viewer.id, writer.pseudonym);
  const t = await startThread(db, writer.viewer, { body: `Thinking of you @${reader.pseudonym} and @${blocker.pseudonym} and @${writer.pseudonym}` });
  const got = await db.select().from(notifications).where(eq(notifications.postId, t.postId));
  expect(got.map((n) => n.memberId)).toEqual([reader.viewer.id]);
});

test("blocked members' posts are collapsed for the blocker over HTTP", async () => {
  const { client, pseudonym } = await memberClient();
  const writer = await viewerFor(db);
  const t = await startThread(db, writer.viewer, { body: "words from someone blocked" });
  const page = await (await client.get(`/t/${t.threadId}`)).text();
  expect(page).not.toContain('<details class="blocked">');
  const blocked = await client.post(`/t/${t.threadId}`, { action: "block", pseudonym: writer.pseudonym });
  expect(pageText(await blocked.text())).toContain(`You have blocked ${writer.pseudonym}`);
  const after = await (await client.get(`/t/${t.threadId}`)).text();
  expect(after).toContain('<details class="blocked">');
  expect(pseudonym).toBeTruthy();
});

test("bad input gets a clear message and keeps what was written", async () => {
  const { client } = await memberClient();
  const long = "x".repeat(151);
  const { res } = await newThreadOverHttp(client, "support", { title: long, body: "my careful words" });
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(pageText(html)).toContain("A title can have at most 150 characters.");
  expect(html).toContain("my careful words");
  const empty = await newThreadOverHttp(client, "support", { title: "Fine title", body: "   " });
  expect(pageText(await empty.res.text())).toContain("Please write something.");
  const control = await newThreadOverHttp(client, "support", { title: "Bell\u0007title", body: "ok" });
  expect(pageText(await control.res.text())).toContain("invisible control characters");
  const tooLong = await newThreadOverHttp(client, "support", { title: "Long", body: "y".repeat(20_001) });
  expect(pageText(await tooLong.res.text())).toContain("at most 20,000 characters");
  expect((await client.post("/f/no-such-forum/new", { idempotencyKey: randomUUID(), title: "x", body: "y" })).status).toBe(404);
  expect((await client.post(`/t/${randomUUID()}`, { idempotencyKey: randomUUID(), body: "y" })).status).toBe(404);
  expect((await client.post("/t/not-a-uuid", { idempotencyKey: randomUUID(), body: "y" })).status).toBe(404);
});

test("an image in markdown is removed, the member is told, and a removal is recorded", async () => {
  const { client } = await memberClient();
  const { res } = await newThreadOverHttp(client, "support", {
    title: "With a picture",
    body: "Before ![me](https://example.com/me.jpg) after <img src=x> end",
  });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toContain("notice=media.removedFromText");
  const page = await (await client.get(res.headers.get("location")!)).text();
  expect(pageText(page)).toContain("An image was removed from what you wrote");
  expect(page).not.toMatch(/<img|example\.com\/me\.jpg/);
  const threadId = res.headers.get("location")!.split("/t/")[1]!.split("?")[0]!;
  const [post] = await db.select().from(posts).where(eq(posts.threadId, threadId));
  expect(post!.bodySource).not.toMatch(/!\[|<img/);
  expect(post!.bodySource).toContain("Before");
  const removals = await db
    .select()
    .from(mediaRemovals)
    .where(and(eq(mediaRemovals.channel, "post")));
  expect(removals.length).toBeGreaterThanOrEqual(1);
  expect(removals[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
});

test("attachments: text is stored, an image is removed with a notice, other files are refused", async () => {
  const { client } = await memberClient();
  const page = await (await client.get("/f/support/new")).text();
  const key = () => page.match(/name="idempotencyKey" value="([^"]+)"/)![1]! + randomUUID().slice(0, 4);
  const send = async (name: string, type: string, bytes: Uint8Array | string, title: string) => {
    const form = new FormData();
    form.set("idempotencyKey", key());
    form.set("intent", "post");
    form.set("title", title);
    form.set("body", "see the file");
    form.set("attachment", new File([bytes as BlobPart], name, { type }));
    return fetch(new URL("/f/support/new", hearth.url), {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie: client.cookieHeader(), origin: "null", "sec-fetch-site": "same-origin" },
    });
  };
  const text = await send("notes.txt", "text/plain", "my notes\n我的笔记\n", "Text attached");
  expect(text.status).toBe(302);
  const threadPageHtml = await (await client.get(text.headers.get("location")!)).text();
  const link = threadPageHtml.match(/href="(\/attachments\/[0-9a-f-]+)"/)![1]!;
  const download = await client.get(link);
  expect(download.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
  expect(await download.text()).toBe("my notes\n我的笔记\n");
  expect((await new Browserless(hearth.url).get(link)).status).toBe(404);

  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  ]);
  const image = await send("holiday.txt", "text/plain", png, "Image attached");
  expect(image.status).toBe(302);
  expect(image.headers.get("location")).toContain("notice=media.removedUpload");
  const { rows } = await hearth.database.pool.query(
    "SELECT count(*)::int AS n FROM attachments a JOIN posts p ON p.id = a.post_id JOIN threads t ON t.id = p.thread_id WHERE t.title = 'Image attached'",
  );
  expect(rows[0].n).toBe(0);

  const huge = await send("huge.txt", "text/plain", "a".repeat(10 * 1024 * 1024), "Huge attached");
  expect(huge.status).toBe(413);
  expect(pageText(await huge.text())).toContain("larger than Hearth accepts");
  const big = await send("big.txt", "text/plain", "b".repeat(300 * 1024), "Big text attached");
  expect(big.status).toBe(400);
  expect(pageText(await big.text())).toContain("Text files can be up to 256 KB");

  const pdf = await send("form.pdf", "application/pdf", "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n\u0000\u0001binary", "PDF attached");
  expect(pdf.status).toBe(400);
  const refused = pageText(await pdf.text());
  expect(refused).toContain("Only plain text or Markdown files can be attached");
  expect(await db.select().from(threads).where(eq(threads.title, "PDF attached"))).toHaveLength(0);
});

test("a member can report a post they can see; reports are kept for moderators", async () => {
  const writer = await viewerFor(db);
  const t = await startThread(db, writer.viewer, { body: "something to report" });
  const { client } = await memberClient();
  const page = await client.get(`/t/${t.threadId}`);
  expect(await page.text()).toContain(`/p/${t.postId}/report`);
  const missing = await client.post(`/p/${t.postId}/report`, { note: "no reason chosen" });
  expect(missing.status).toBe(400);
  expect(pageText(await missing.text())).toContain("Please choose what is wrong.");
  const sent = await client.post(`/p/${t.postId}/report`, { reason: "identifying", note: "names a street" });
  expect(sent.status).toBe(200);
  expect(pageText(await sent.text())).toContain("The moderators will look at this post.");
  await client.post(`/p/${t.postId}/report`, { reason: "harassment" });
  const { rows } = await hearth.database.pool.query("SELECT reason, note FROM reports WHERE post_id = $1", [t.postId]);
  expect(rows).toEqual([{ reason: "harassment", note: null }]);
  expect((await new Browserless(hearth.url).get(`/p/${t.postId}/report`)).status).toBe(302);
  expect((await client.get(`/p/${randomUUID()}/report`)).status).toBe(404);
});
