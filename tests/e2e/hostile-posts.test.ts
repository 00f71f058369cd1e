// Every hostile payload of the renderer's corpus, stored as a real post and shown in Chromium
// under Hearth's real CSP: no dialog, no script of theirs runs, no image or media is requested,
// and nothing is requested from any other origin.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, onTestFinished, test } from "vitest";
import { posts } from "#db/schema.ts";
import { reply } from "#server/forums/posting.ts";
import { HOSTILE_PAYLOADS } from "#tests/fixtures/media/hostile-payloads.ts";
import { relaxed, startThread, viewerFor } from "#tests/helpers/forums.ts";
import { Browserless } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, openContext, settled } from "./browser.ts";

const browser = browserForThisFile();

test(`${HOSTILE_PAYLOADS.length} hostile posts shown under the real CSP run nothing and fetch nothing`, { timeout: 180_000 }, async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const db = hearth.database.db;
  const { viewer } = await viewerFor(db);
  const thread = await startThread(db, viewer, { title: "Hostile corpus" });
  // Stored by the posting service itself (form checks, media guard, renderer, one transaction).
  // The reply form refuses control and bidirectional-override characters with a message; every
  // other payload is sent, each followed by a marker paragraph so that one which is nothing
  // but an image still makes a post, and every one sent must be stored.
  const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
  const sendable = HOSTILE_PAYLOADS.filter((p) => !CONTROL.test(p.source));
  for (const payload of HOSTILE_PAYLOADS.filter((p) => CONTROL.test(p.source))) {
    await expect(
      reply({ db, throttle: relaxed() }, viewer, thread.threadId, { body: payload.source, idempotencyKey: randomUUID() }),
      payload.name,
    ).rejects.toMatchObject({
      name: "Invalid",
      fields: { body: "post.controlCharacters" },
    });
  }
  const stored: string[] = [];
  for (const [i, payload] of sendable.entries()) {
    const posted = await reply({ db, throttle: relaxed() }, viewer, thread.threadId, {
      body: `${payload.source}\n\n(payload ${i} ends)`,
      idempotencyKey: randomUUID(),
    });
    stored.push(posted.postId);
  }
  const rows = await db.select({ id: posts.id, html: posts.bodyHtml }).from(posts).where(eq(posts.threadId, thread.threadId));
  expect(rows).toHaveLength(sendable.length + 1);
  for (const [i, id] of stored.entries()) expect(rows.find((r) => r.id === id)?.html, sendable[i]!.name).toContain(`(payload ${i} ends)`);
  expect(sendable.length).toBeGreaterThan(HOSTILE_PAYLOADS.length - 10);

  const member = new Browserless(hearth.url);
  await member.post("/join", { pseudonym: uniquePseudonym(), password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE });
  const watched = await openContext(await browser(), { javaScript: true });
  await watched.context.addCookies([{ name: "hearth_session", value: member.cookies.get("hearth_session")!, url: hearth.url }]);
  const dialogs: string[] = [];
  watched.page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const mediaRequests: string[] = [];
  watched.context.on("request", (request) => {
    if (["image", "media", "font", "object", "other"].includes(request.resourceType()) && !request.url().endsWith("/favicon.ico"))
      mediaRequests.push(`${request.resourceType()} ${request.url()}`);
  });

  const pages = Math.ceil((stored.length + 1) / 25);
  for (let page = 1; page <= pages; page++) {
    await watched.page.goto(`${hearth.url}/t/${thread.threadId}?page=${page}`);
    await settled(watched.page, true);
    // Open every collapsed part and hover and focus what is there, as a reader would.
    await watched.page.evaluate(() => {
      for (const d of document.querySelectorAll("details")) d.setAttribute("open", "");
    });
    for (const link of await watched.page.locator(".post-body a").all()) await link.hover({ timeout: 2_000 }).catch(() => undefined);
    await watched.page.waitForTimeout(300);
    const found = await watched.page.evaluate(() => ({
      images: document.querySelectorAll("main img, main svg, main picture, main video, main audio, main iframe, main object, main embed, main image").length,
      scripts: [...document.querySelectorAll("main script")].length,
      handlers: [...document.querySelectorAll("main *")].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name)).length,
      // What the browser would really open: only web pages and mail, never script or data.
      badLinks: [...document.querySelectorAll<HTMLAnchorElement>("main a[href]")]
        .map((a) => a.href)
        .filter((href) => !["http:", "https:", "mailto:"].includes(new URL(href).protocol)),
      pwned: (window as unknown as { pwned?: unknown }).pwned !== undefined,
    }));
    expect(found, `page ${page}`).toEqual({ images: 0, scripts: 0, handlers: 0, badLinks: [], pwned: false });
  }
  expect(dialogs).toEqual([]);
  expect(mediaRequests).toEqual([]);
  expect(watched.foreignRequests(new URL(hearth.url).origin)).toEqual([]);
});
