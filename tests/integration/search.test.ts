// /search through the service and over HTTP: English and Chinese (substring matching, no spaces
// needed), titles ranked first, every term required, pages, LIKE wildcards taken literally, and
// visibility — removed, pending and deleted posts never, members-only forums only for members.
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { expect, test } from "vitest";
import * as schema from "#db/schema.ts";
import { forums, posts, threads } from "#db/schema.ts";
import { deletePost } from "#server/forums/editing.ts";
import { block } from "#server/forums/blocking.ts";
import { searchPosts } from "#server/forums/search.ts";
import { ERASED_THREAD_TITLE } from "#server/privacy/placeholder.ts";
import { replyTo, startThread, viewerFor } from "#tests/helpers/forums.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;

/** A word no other test writes, so each test reads only its own posts. */
function marker() {
  return `zq${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;
}

async function newForum(visibility: "members" | "public") {
  const slug = `s${randomUUID().slice(0, 8)}`;
  await db.insert(forums).values({ slug, names: { en: `Forum ${slug}` }, descriptions: {}, visibility });
  return slug;
}

async function memberClient() {
  const client = new Browserless(hearth.url);
  const res = await client.post("/join", { pseudonym: uniquePseudonym(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  expect(res.status).toBe(200);
  return client;
}

test("English: a word in a post is found, with a plain-text snippet around it", async () => {
  const { viewer, pseudonym } = await viewerFor(db);
  const word = marker();
  const filler = "Some words before the part that matters. ".repeat(12);
  const t = await startThread(db, viewer, {
    title: "Getting things taken down",
    body: `${filler}**The ${word}** went to [the platform](https://example.org) <b>today</b>. ${filler}`,
  });
  const found = await searchPosts(db, viewer, word.toUpperCase(), 1);
  expect(found.results).toHaveLength(1);
  const [hit] = found.results;
  expect(hit).toMatchObject({
    postId: t.postId,
    threadId: t.threadId,
    title: "Getting things taken down",
    forumSlug: "support",
    author: pseudonym,
    titleHit: false,
    threadPage: 1,
  });
  expect(hit!.createdAt).toBeInstanceOf(Date);
  expect(hit!.snippet).toContain(`The ${word} went to the platform today .`);
  expect(hit!.snippet).not.toMatch(/[<>*[\]]|https:/);
  expect(hit!.snippet.length).toBeLessThanOrEqual(202);
  expect(hit!.snippet.startsWith("…")).toBe(true);
  expect(found).toMatchObject({ query: word.toUpperCase(), page: 1, pages: 1, total: 1, notice: null });
});

test("Chinese: substrings of a sentence without spaces are found, two characters included", async () => {
  const { viewer } = await viewerFor(db);
  const t = await startThread(db, viewer, { title: "需要帮助", body: "我被前男友威胁要公开照片，不知道该怎么办。" });
  for (const q of ["前男友", "照片", "威胁要公开", "公开照片 前男友", "　前男友　"]) {
    const found = await searchPosts(db, viewer, q, 1);
    expect(
      found.results.map((r) => r.postId),
      q,
    ).toContain(t.postId);
    expect(found.results.find((r) => r.postId === t.postId)!.snippet).toBe("我被前男友威胁要公开照片，不知道该怎么办。");
  }
  expect((await searchPosts(db, viewer, "帮助", 1)).results.map((r) => r.postId)).toContain(t.postId);
  expect((await searchPosts(db, viewer, "前女友", 1)).results.map((r) => r.postId)).not.toContain(t.postId);
  expect((await searchPosts(db, viewer, "照片 前女友", 1)).results.map((r) => r.postId)).not.toContain(t.postId);
});

test("thread titles are found and ranked before matches in bodies; each thread once for its title", async () => {
  const { viewer } = await viewerFor(db);
  const word = marker();
  const titled = await startThread(db, viewer, { title: `Talking to a ${word} helped`, body: "It went better than I feared." });
  await replyTo(db, viewer, titled.threadId, "Glad to hear it.");
  const mentioned = await replyTo(db, viewer, titled.threadId, `Which ${word} was it?`);
  const bodyOnly = await startThread(db, viewer, { title: "Something else", body: `${word} ${word} ${word}: I keep thinking about it.` });
  const found = await searchPosts(db, viewer, word, 1);
  expect(found.results.map((r) => [r.postId, r.titleHit])).toEqual([
    [titled.postId, true],
    [bodyOnly.postId, false],
    [mentioned.postId, false],
  ]);
  expect(found.results[0]!.snippet).toBe("It went better than I feared.");
});

test("a thread whose author deleted its first post is no longer found by its old title; its replies are, under the neutral title", async () => {
  const { viewer } = await viewerFor(db);
  const { viewer: other } = await viewerFor(db);
  const [word, replyWord] = [marker(), marker()];
  const t = await startThread(db, viewer, { title: `About ${word}`, body: "I regret writing this." });
  const kept = await replyTo(db, other, t.threadId, `Still here for you ${replyWord}.`);
  await deletePost(db, viewer, t.postId);
  // The title went with the opening post (/privacy: kept until its author deletes it).
  expect((await searchPosts(db, viewer, word, 1)).results).toEqual([]);
  const found = await searchPosts(db, viewer, replyWord, 1);
  expect(found.results.map((r) => r.postId)).toEqual([kept.postId]);
  expect(JSON.stringify(found.results)).toContain(ERASED_THREAD_TITLE);
});

test("every term must match, in the title or in the post", async () => {
  const { viewer } = await viewerFor(db);
  const [a, b] = [marker(), marker()];
  const both = await startThread(db, viewer, { title: `Question about ${a}`, body: `And also about ${b}.` });
  const onlyA = await startThread(db, viewer, { title: "Another thread", body: `Only ${a} here.` });
  const sameBody = await startThread(db, viewer, { title: "Third", body: `${b} then ${a}.` });
  const found = await searchPosts(db, viewer, `${a}   ${b}`, 1);
  expect(found.results.map((r) => r.postId).sort()).toEqual([both.postId, sameBody.postId].sort());
  expect(found.query).toBe(`${a} ${b}`);
  expect((await searchPosts(db, viewer, a, 1)).results.map((r) => r.postId)).toContain(onlyA.postId);
});

test("25 results a page, newest first among equals; the page a post is on in its thread is known", async () => {
  const { viewer } = await viewerFor(db);
  const word = marker();
  const t = await startThread(db, viewer, { title: "Long thread", body: "first" });
  const made: string[] = [];
  for (let i = 1; i <= 27; i++) made.push((await replyTo(db, viewer, t.threadId, `reply ${i} about ${word}`)).postId);
  const one = await searchPosts(db, viewer, word, 1);
  expect(one).toMatchObject({ page: 1, pages: 2, total: 27 });
  expect(one.results).toHaveLength(25);
  expect(one.results[0]!.postId).toBe(made[26]);
  expect(one.results[0]!.threadPage).toBe(2);
  const two = await searchPosts(db, viewer, word, 2);
  expect(two.results.map((r) => r.postId)).toEqual([made[1], made[0]]);
  expect(two.results.map((r) => r.threadPage)).toEqual([1, 1]);
  expect((await searchPosts(db, viewer, word, 99)).page).toBe(2);
});

test("%, _ and \\ in a query stand for themselves", async () => {
  const { viewer } = await viewerFor(db);
  const word = marker();
  const percent = await startThread(db, viewer, { title: "Sure", body: `${word} I am 100% sure` });
  await startThread(db, viewer, { title: "Not so", body: `${word} I am 1000 sure` });
  const underscore = await startThread(db, viewer, { title: "Names", body: `${word} file my_secret_word` });
  await startThread(db, viewer, { title: "Other names", body: `${word} file myXsecretXword` });
  const backslash = await startThread(db, viewer, { title: "Paths", body: `${word} C:\\new\\folder` });
  await startThread(db, viewer, { title: "Other paths", body: `${word} C:new folder` });
  const ids = async (q: string) => (await searchPosts(db, viewer, `${word} ${q}`, 1)).results.map((r) => r.postId);
  expect(await ids("00%")).toEqual([percent.postId]);
  expect(await ids("0%s")).toEqual([]);
  expect(await ids("my_secret")).toEqual([underscore.postId]);
  expect(await ids("\\new")).toEqual([backslash.postId]);
  expect(await ids("%")).toEqual([percent.postId]);
});

test("queries shorter than two characters are not run, and say so", async () => {
  const { viewer } = await viewerFor(db);
  for (const q of ["a", " 我 ", "a b", "\u0000x"]) {
    expect(await searchPosts(db, viewer, q, 1), q).toMatchObject({ results: [], total: 0, notice: "search.tooShort" });
  }
  expect(await searchPosts(db, viewer, "   ", 1)).toMatchObject({ results: [], query: "", notice: null });
  expect(await searchPosts(db, viewer, marker(), 1)).toMatchObject({ results: [], notice: "search.noResults" });
});

test("removed, pending and deleted posts and removed threads are never found", async () => {
  const { viewer } = await viewerFor(db);
  const word = marker();
  const t = await startThread(db, viewer, { title: "Visible thread", body: `visible ${word}` });
  const removed = await replyTo(db, viewer, t.threadId, `removed ${word}`);
  const pending = await replyTo(db, viewer, t.threadId, `pending ${word}`);
  const deleted = await replyTo(db, viewer, t.threadId, `deleted ${word}`);
  await db.update(posts).set({ status: "removed" }).where(eq(posts.id, removed.postId));
  await db.update(posts).set({ status: "pending" }).where(eq(posts.id, pending.postId));
  // Status alone must hide it, even if its text were still there.
  await db.update(posts).set({ status: "deleted" }).where(eq(posts.id, deleted.postId));
  const gone = await startThread(db, viewer, { title: `Removed thread ${word}`, body: `in a removed thread ${word}` });
  await db.update(threads).set({ status: "removed" }).where(eq(threads.id, gone.threadId));
  const other = (await viewerFor(db)).viewer;
  for (const who of [viewer, other, null]) {
    const found = await searchPosts(db, who, word, 1);
    expect(found.results.map((r) => r.postId)).toEqual(who ? [t.postId] : []);
  }
});

test("members-only forums are invisible to visitors and visible to members", async () => {
  const { viewer } = await viewerFor(db);
  const word = marker();
  const open = await newForum("public");
  const closed = await newForum("members");
  const outside = await startThread(db, viewer, { forum: open, title: `Open ${word}`, body: "Anyone may read this." });
  const inside = await startThread(db, viewer, { forum: closed, title: `Closed ${word}`, body: "Only members read this." });
  expect((await searchPosts(db, null, word, 1)).results.map((r) => r.postId)).toEqual([outside.postId]);
  expect((await searchPosts(db, null, word, 1)).total).toBe(1);
  const reader = (await viewerFor(db)).viewer;
  expect((await searchPosts(db, reader, word, 1)).results.map((r) => r.postId).sort()).toEqual([outside.postId, inside.postId].sort());
});

test("a page takes two queries (a count and the page), one when nothing matches", async () => {
  const { viewer } = await viewerFor(db);
  const word = marker();
  await startThread(db, viewer, { title: `Counting ${word}`, body: "one" });
  const statements: string[] = [];
  const logged = drizzle(hearth.database.pool, { schema, logger: { logQuery: (query) => statements.push(query) } });
  await searchPosts(logged, viewer, word, 1);
  expect(statements).toHaveLength(2);
  statements.length = 0;
  await searchPosts(logged, viewer, marker(), 1);
  expect(statements).toHaveLength(1);
  statements.length = 0;
  await searchPosts(logged, viewer, "x", 1);
  expect(statements).toHaveLength(0);
});

test("the search can use both trigram indexes for terms of three or more characters", async () => {
  const { viewer } = await viewerFor(db);
  const captured: Array<{ query: string; params: unknown[] }> = [];
  const logged = drizzle(hearth.database.pool, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } });
  await startThread(db, viewer, { title: "Index check", body: "takedown request" });
  await searchPosts(logged, viewer, "takedown", 1);
  const client = await hearth.database.pool.connect();
  try {
    // With sequential scans priced out, a query shaped so the indexes can serve it uses them;
    // one that ORs across posts and threads could not, whatever the table sizes.
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_seqscan = off");
    for (const { query, params } of captured) {
      const plan = (await client.query(`EXPLAIN ${query}`, params)).rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("posts_body_trgm_idx");
      expect(plan).toContain("threads_title_trgm_idx");
    }
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
});

test("content warnings and blocked authors keep their snippets collapsed", async () => {
  const word = marker();
  const reader = await viewerFor(db);
  const client = new Browserless(hearth.url);
  expect((await client.post("/login", { pseudonym: reader.pseudonym, password: reader.password })).status).toBe(302);
  const writer = await viewerFor(db);
  await startThread(db, writer.viewer, { title: "Hard day", body: `What happened with ${word}`, contentWarning: "describes threats" });
  const blocked = await viewerFor(db);
  await startThread(db, blocked.viewer, { title: "From someone blocked", body: `Words about ${word}` });
  const html = await (await client.get(`/search?q=${word}`)).text();
  expect(html).toContain(
    `<details class="content-warning"><summary>Content warning: describes threats</summary><p>What happened with <mark>${word}</mark></p></details>`,
  );
  expect(html).not.toContain('<details class="blocked">');
  await block(db, reader.viewer.id, blocked.pseudonym);
  const after = await (await client.get(`/search?q=${word}`)).text();
  expect(after).toContain(
    `<details class="blocked"><summary>A post from someone you blocked. Show it anyway</summary><p>Words about <mark>${word}</mark></p></details>`,
  );
});

test("/search over HTTP: members-only results for members only, pages keep the query, messages", async () => {
  const word = marker();
  const { viewer } = await viewerFor(db);
  const open = await newForum("public");
  const closed = await newForum("members");
  const pub = await startThread(db, viewer, { forum: open, title: `Public ${word}`, body: "Readable by anyone <script>alert(1)</script>" });
  const priv = await startThread(db, viewer, { forum: closed, title: `Private ${word}`, body: "Members only" });
  for (let i = 0; i < 25; i++) await replyTo(db, viewer, pub.threadId, `more about ${word} ${i}`);

  const visitor = new Browserless(hearth.url);
  const outside = await visitor.get(`/search?q=${word}`);
  expect(outside.status).toBe(200);
  const outsideHtml = await outside.text();
  expect(outsideHtml).toContain(`<title>Search: ${word} · Hearth</title>`);
  expect(outsideHtml).toContain(`href="/t/${pub.threadId}#post-${pub.postId}"`);
  expect(outsideHtml).not.toContain(priv.threadId);
  expect(pageText(outsideHtml)).not.toContain(`Private ${word}`);
  expect(pageText(outsideHtml)).toContain(`26 results for “${word}”`);
  expect(outsideHtml).not.toContain("<script>alert(1)");
  expect(outsideHtml).toMatch(/<form role="search"[^>]* action="\/search" method="get">/);
  expect(outsideHtml).toMatch(/<label for="search-q">Search posts and thread titles<\/label>/);
  const input = outsideHtml.match(/<input[^>]*id="search-q"[^>]*>/)?.[0] ?? "";
  for (const attribute of ['name="q"', 'type="search"', `value="${word}"`, 'aria-describedby="search-q-hint"']) expect(input).toContain(attribute);
  expect(outsideHtml).toContain(`href="/search?q=${word}&amp;page=2"`);
  const second = await (await visitor.get(`/search?q=${word}&page=2`)).text();
  expect(second).toContain(`href="/search?q=${word}&amp;page=1"`);
  expect(second).toMatch(/<span>Page 2 of 2<\/span>/);

  const member = await memberClient();
  const insideHtml = await (await member.get(`/search?q=${word}`)).text();
  expect(insideHtml).toContain(`href="/t/${priv.threadId}#post-${priv.postId}"`);
  expect(pageText(insideHtml)).toContain(`27 results for “${word}”`);

  expect(pageText(await (await visitor.get("/search?q=x")).text())).toContain("Please type at least 2 characters to search.");
  expect(pageText(await (await visitor.get(`/search?q=${marker()}`)).text())).toMatch(/Nothing matches “zq[a-z]+”/);
  const empty = await visitor.get("/search");
  expect(empty.status).toBe(200);
  expect(await empty.text()).toContain("<title>Search · Hearth</title>");
  const chinese = await (await visitor.get(`/search?q=${encodeURIComponent("前男友")}`, { "accept-language": "zh-CN" })).text();
  expect(chinese).toContain("<title>搜索：前男友 · Hearth 炉边</title>");
});
