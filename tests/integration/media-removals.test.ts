// Issue 8: every removal leaves exactly one record tied to the member and channel, also when
// the post it came in is then refused (nothing but an image, a file that is not text); images
// in a title, a content warning, an edit and a preview are removed; base64 of a real PNG in a
// reply is not published; the preview goes through the same guard and is throttled.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { mediaRemovals, posts, threads } from "#db/schema.ts";
import { editPost } from "#server/forums/editing.ts";
import { PREVIEWS_PER_MINUTE } from "#server/forums/preview.ts";
import { relaxed, replyTo, startThread, viewerFor } from "#tests/helpers/forums.ts";
import { pngOf } from "#tests/fixtures/media/binary-images.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { createThread } from "#server/forums/posting.ts";

const hearth = await startTestHearth();
const db = hearth.database.db;
const PNG16 = pngOf(16, 16);

async function removalsOf(memberId: string) {
  return db
    .select({ channel: mediaRemovals.channel, format: mediaRemovals.format, size: mediaRemovals.size, sha256: mediaRemovals.sha256 })
    .from(mediaRemovals)
    .where(eq(mediaRemovals.memberId, memberId));
}

const refusedWith = (field: string, key: string) => expect.objectContaining({ name: "Invalid", fields: expect.objectContaining({ [field]: key }) });

test("an image-only thread is refused and leaves exactly one removal record", async () => {
  const { viewer } = await viewerFor(db);
  await expect(startThread(db, viewer, { title: "Only a picture", body: "![me](https://example.com/me.jpg)" })).rejects.toEqual(
    refusedWith("body", "media.nothingLeft"),
  );
  expect(await removalsOf(viewer.id)).toEqual([{ channel: "post", format: "markdown-image", size: 33, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  expect(
    await db
      .select()
      .from(threads)
      .where(and(eq(threads.authorId, viewer.id))),
  ).toEqual([]);
});

test("an image-only reply and an image-only edit are refused and each leave one record", async () => {
  const author = await viewerFor(db);
  const t = await startThread(db, author.viewer, { body: "words first" });
  const { viewer } = await viewerFor(db);
  await expect(replyTo(db, viewer, t.threadId, "<img src=x onerror=alert(1)>")).rejects.toEqual(refusedWith("body", "media.nothingLeft"));
  expect(await removalsOf(viewer.id)).toEqual([expect.objectContaining({ channel: "post", format: "img" })]);
  expect(await db.select().from(posts).where(eq(posts.authorId, viewer.id))).toEqual([]);

  await expect(editPost(db, author.viewer, t.postId, { body: `  ${PNG16.toString("base64")}  `, contentWarning: "" })).rejects.toEqual(
    refusedWith("body", "media.nothingLeft"),
  );
  expect(await removalsOf(author.viewer.id)).toEqual([expect.objectContaining({ channel: "post", format: "png" })]);
  const [unchanged] = await db.select().from(posts).where(eq(posts.id, t.postId));
  expect(unchanged!.bodySource).toBe("words first");
});

test("an image-only title is refused, an image-only content warning is dropped; one record each", async () => {
  const { viewer } = await viewerFor(db);
  await expect(startThread(db, viewer, { title: "![a](b.png)", body: "the words are fine" })).rejects.toEqual(refusedWith("title", "media.nothingLeft"));
  expect(await removalsOf(viewer.id)).toEqual([expect.objectContaining({ channel: "post", format: "markdown-image" })]);

  const other = await viewerFor(db);
  const t = await startThread(db, other.viewer, { title: "A warning that was a picture", body: "fine words", contentWarning: "<img src=x>" });
  expect(t.notices).toEqual(["media.removedFromText"]);
  const [thread] = await db.select().from(threads).where(eq(threads.id, t.threadId));
  expect(thread!.contentWarning).toBeNull();
  expect(await removalsOf(other.viewer.id)).toEqual([expect.objectContaining({ channel: "post", format: "img" })]);
});

test("a removal is recorded when the attached file is then refused", async () => {
  const { viewer } = await viewerFor(db);
  const pdf = { name: "form.txt", bytes: Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n\u0000\u0001binary") };
  await expect(
    createThread(
      { db, throttle: relaxed() },
      viewer,
      "support",
      { title: "Both", body: "look ![me](x.png)", contentWarning: "", idempotencyKey: randomUUID() },
      pdf,
    ),
  ).rejects.toEqual(refusedWith("attachment", "media.onlyText"));
  expect(await removalsOf(viewer.id)).toEqual([expect.objectContaining({ channel: "post", format: "markdown-image" })]);
  // An image file with an image-only body: both records, nothing stored.
  const next = await viewerFor(db);
  await expect(
    createThread(
      { db, throttle: relaxed() },
      next.viewer,
      "support",
      { title: "Both images", body: "<img src=y>", contentWarning: "", idempotencyKey: randomUUID() },
      { name: "me.txt", bytes: PNG16 },
    ),
  ).rejects.toEqual(refusedWith("body", "media.nothingLeft"));
  expect((await removalsOf(next.viewer.id)).map((r) => [r.channel, r.format]).sort()).toEqual([
    ["post", "img"],
    ["upload", "png"],
  ]);
});

test("images in a title, a content warning and an edit are removed from what is stored", async () => {
  const { viewer } = await viewerFor(db);
  const t = await startThread(db, viewer, { title: "Trip ![a](b.png) notes", body: "body", contentWarning: "mentions <img src=c.png> police" });
  const [thread] = await db.select().from(threads).where(eq(threads.id, t.threadId));
  expect(thread!.title).not.toMatch(/!\[|b\.png/);
  expect(thread!.title).toContain("Trip");
  expect(thread!.contentWarning).not.toMatch(/<img|c\.png/);
  expect(thread!.contentWarning).toContain("police");
  const [first] = await db.select().from(posts).where(eq(posts.id, t.postId));
  expect(first!.contentWarning).not.toMatch(/<img|c\.png/);
  expect(t.notices).toEqual(["media.removedFromText"]);

  const edited = await editPost(db, viewer, t.postId, {
    body: `new words ![d](e.png) and ${PNG16.toString("base64")}`,
    contentWarning: "cw <svg><circle r=1/></svg>",
  });
  expect(edited.notices).toEqual(["media.removedFromText"]);
  const [after] = await db.select().from(posts).where(eq(posts.id, t.postId));
  expect(after!.bodySource).toContain("new words");
  expect(after!.bodySource).not.toMatch(/!\[|e\.png|iVBOR/);
  expect(after!.bodyHtml).not.toMatch(/e\.png|iVBOR/);
  expect(after!.contentWarning).toBe("cw");
  expect((await removalsOf(viewer.id)).map((r) => r.format).sort()).toEqual(["img", "markdown-image", "markdown-image", "png", "svg"]);
});

async function memberClient() {
  const client = new Browserless(hearth.url);
  const res = await client.post("/join", { pseudonym: uniquePseudonym(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  expect(res.status).toBe(200);
  return client;
}

test("a reply whose body is the base64 of a real 16×16 PNG is not published; quoted code is", async () => {
  const author = await viewerFor(db);
  const t = await startThread(db, author.viewer);
  const client = await memberClient();
  const page = await (await client.get(`/t/${t.threadId}`)).text();
  const key = page.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  const res = await client.post(`/t/${t.threadId}`, { idempotencyKey: key, intent: "post", body: PNG16.toString("base64").replace(/.{1,76}/g, "$&\n") });
  expect(res.status).toBe(400);
  expect(pageText(await res.text())).toContain("After removing the image there was nothing left to post.");
  const quoted = await client.post(`/t/${t.threadId}`, {
    idempotencyKey: randomUUID(),
    intent: "post",
    body: "An attacker wrote `<img src=x onerror=alert(1)>`; a data URI looks like data:image/png;base64, followed by text.",
  });
  expect(quoted.status).toBe(302);
  const shown = await (await client.get(quoted.headers.get("location")!)).text();
  expect(shown).toContain("<code>&lt;img src=x onerror=alert(1)&gt;</code>");
  expect(shown).toContain("data:image/png;base64, followed by text");
  expect(quoted.headers.get("location")).not.toContain("notice=media");
  const stored = await db.select({ body: posts.bodySource }).from(posts).where(eq(posts.threadId, t.threadId));
  expect(stored.map((p) => p.body).join("\n")).not.toContain("iVBOR");
});

test("the preview uses the posting guard and its notice, stores nothing, and is throttled", async () => {
  const client = await memberClient();
  const before = (await db.select().from(mediaRemovals)).length;
  const res = await client.post("/preview", { body: `hi ![a](b.png) <img src=x> ${PNG16.toString("base64")} and \`<img src=y>\`` });
  expect(res.status).toBe(200);
  const preview = (await res.json()) as { html: string; notices: string[] };
  expect(preview.notices).toEqual(["media.removedFromText"]);
  expect(preview.html).not.toMatch(/b\.png|src=x|iVBOR/);
  expect(preview.html).toContain("<code>&lt;img src=y&gt;</code>");
  expect(await client.post("/preview", { body: "plain words" }).then((r) => r.json())).toEqual({ html: "<p>plain words</p>\n", notices: [] });
  expect((await db.select().from(mediaRemovals)).length).toBe(before);

  for (let i = 2; i < PREVIEWS_PER_MINUTE; i++) expect((await client.post("/preview", { body: `draft ${i}` })).status).toBe(200);
  const throttled = await client.post("/preview", { body: "one too many" });
  expect(throttled.status).toBe(429);
  expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  // The Preview button without JavaScript shares the limit and says so.
  const author = await viewerFor(db);
  const t = await startThread(db, author.viewer);
  const button = await client.post(`/t/${t.threadId}`, { intent: "preview", body: "again", idempotencyKey: randomUUID() });
  expect(button.status).toBe(429);
  expect(pageText(await button.text())).toContain("Too many attempts.");
});
