// Every hostile payload of the renderer's corpus, stored as a real post and shown in Chromium
// under Hearth's real CSP: no dialog, no script of theirs runs, no image or media is requested,
// and nothing is requested from any other origin.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, onTestFinished, test } from "vitest";
import { posts, threads } from "#db/schema.ts";
import { composePost } from "#server/forums/compose.ts";
import { replyForm } from "#server/forums/post-forms.ts";
import { parseForm } from "#server/forms.ts";
import { HOSTILE_PAYLOADS } from "#tests/fixtures/media/hostile-payloads.ts";
import { startThread, viewerFor } from "#tests/helpers/forums.ts";
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
  // Stored exactly as the posting service stores them: the reply form's checks (a payload with
  // control characters is refused there, with a message), the media guard, then the renderer.
  let stored = 0;
  for (const payload of HOSTILE_PAYLOADS) {
    const form = (() => {
      try {
        return parseForm(replyForm, { body: payload.source, idempotencyKey: randomUUID() });
      } catch {
        return null;
      }
    })();
    if (!form) continue;
    const composed = await composePost(db, viewer.id, form).catch(() => null);
    if (!composed) continue;
    await db.insert(posts).values({ threadId: thread.threadId, authorId: viewer.id, bodySource: composed.bodySource, bodyHtml: composed.bodyHtml, sanitizerVersion: composed.sanitizerVersion, idempotencyKey: randomUUID() });
    stored++;
  }
  await db.update(threads).set({ postCount: sql`${threads.postCount} + ${stored}` }).where(eq(threads.id, thread.threadId));
  // The rest were refused outright (control characters) or were nothing but an image.
  expect(stored).toBeGreaterThanOrEqual(200);

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
    if (["image", "media", "font", "object", "other"].includes(request.resourceType()) && !request.url().endsWith("/favicon.ico")) mediaRequests.push(`${request.resourceType()} ${request.url()}`);
  });

  const pages = Math.ceil((stored + 1) / 25);
  for (let page = 1; page <= pages; page++) {
    await watched.page.goto(`${hearth.url}/t/${thread.threadId}?page=${page}`);
    await settled(watched.page, true);
    // Open every collapsed part and hover and focus what is there, as a reader would.
    await watched.page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
    for (const link of await watched.page.locator(".post-body a").all()) await link.hover({ timeout: 2_000 }).catch(() => undefined);
    await watched.page.waitForTimeout(300);
    const found = await watched.page.evaluate(() => ({
      images: document.querySelectorAll("main img, main svg, main picture, main video, main audio, main iframe, main object, main embed, main image").length,
      scripts: [...document.querySelectorAll("main script")].length,
      handlers: [...document.querySelectorAll("main *")].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name)).length,
      // What the browser would really open: only web pages and mail, never script or data.
      badLinks: [...document.querySelectorAll<HTMLAnchorElement>("main a[href]")].map((a) => a.href).filter((href) => !["http:", "https:", "mailto:"].includes(new URL(href).protocol)),
      pwned: (window as unknown as { pwned?: unknown }).pwned !== undefined,
    }));
    expect(found, `page ${page}`).toEqual({ images: 0, scripts: 0, handlers: 0, badLinks: [], pwned: false });
  }
  expect(dialogs).toEqual([]);
  expect(mediaRequests).toEqual([]);
  expect(watched.foreignRequests(new URL(hearth.url).origin)).toEqual([]);
});
