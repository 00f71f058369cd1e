// The sweeper applies today's rules to what was stored under older ones.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { attachments, mediaRemovals, posts } from "#db/schema.ts";
import { sweep } from "#server/media/sweeper.ts";
import { SANITIZER_VERSION } from "#server/media/render-markdown.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { startThread, viewerFor } from "#tests/helpers/forums.ts";

const database = await createTestDatabase();
const db = database.db;

test("a stored body with an image construct is cleaned, re-rendered and the removal recorded", async () => {
  const { viewer } = await viewerFor(db);
  const t = await startThread(db, viewer, { body: "clean to begin with" });
  // As if stored before today's rules existed:
  await db
    .update(posts)
    .set({ bodySource: "hello ![x](https://x.test/a.png) <svg><rect/></svg> bye", bodyHtml: "<p>old</p>", sanitizerVersion: "0:old" })
    .where(eq(posts.id, t.postId));
  const stale = await startThread(db, viewer, { body: "**only stale html**" });
  await db.update(posts).set({ bodyHtml: "<p>rendered long ago</p>", sanitizerVersion: "0:old" }).where(eq(posts.id, stale.postId));

  const report = await sweep(database);
  expect(report).toMatchObject({ postsCleaned: 1, postsRerendered: 1 });
  const [cleaned] = await db.select().from(posts).where(eq(posts.id, t.postId));
  expect(cleaned!.bodySource).not.toMatch(/!\[|<svg/);
  expect(cleaned!.bodySource).toContain("hello");
  expect(cleaned!.bodyHtml).not.toMatch(/<img|<svg|x\.test/);
  expect(cleaned!.sanitizerVersion).toBe(SANITIZER_VERSION);
  const [rerendered] = await db.select().from(posts).where(eq(posts.id, stale.postId));
  expect(rerendered!.bodyHtml).toContain("<strong>only stale html</strong>");
  const removals = await db.select().from(mediaRemovals).where(eq(mediaRemovals.channel, "sweep"));
  expect(removals.length).toBeGreaterThanOrEqual(2);
  expect(removals.every((r) => r.memberId === viewer.id && /^[0-9a-f]{64}$/.test(r.sha256))).toBe(true);
});

test("an attachment that now reads as an image is deleted; plain text stays", async () => {
  const { viewer } = await viewerFor(db);
  const t = await startThread(db, viewer);
  const xbm = "#define i_width 2\n#define i_height 2\nstatic unsigned char i_bits[] = { 0x01, 0x02 };\n";
  const [bad] = await db.insert(attachments).values({ postId: t.postId, name: "notes.txt", content: xbm, size: xbm.length, sha256: randomUUID() }).returning();
  const [good] = await db
    .insert(attachments)
    .values({ postId: t.postId, name: "diary.md", content: "# Today\n今天还好。\n", size: 20, sha256: randomUUID() })
    .returning();
  const report = await sweep(database);
  expect(report!.attachmentsRemoved).toBe(1);
  expect(await db.select().from(attachments).where(eq(attachments.id, bad!.id))).toHaveLength(0);
  expect(await db.select().from(attachments).where(eq(attachments.id, good!.id))).toHaveLength(1);
});

test("while another node sweeps, this one stands aside", async () => {
  const other = await database.pool.connect();
  try {
    await other.query("SELECT pg_advisory_lock(7482002)");
    expect(await sweep(database)).toBeNull();
    await other.query("SELECT pg_advisory_unlock(7482002)");
    expect(await sweep(database)).not.toBeNull();
  } finally {
    other.release();
  }
});
