// Issue 4's journeys in Chromium, with JavaScript on and off: a member starts a thread with a
// content warning, another replies with a mention, the first sees the notification; an image in
// markdown or as an attachment is removed with a notice and never shown or fetched.
import { expect, onTestFinished, test } from "vitest";
import { startTestHearth } from "#tests/helpers/server.ts";
import { seriousViolations as runAxe } from "./axe.ts";
import { browserForThisFile, failOnPageErrors, openContext, settled } from "./browser.ts";
import { freshPseudonym, press, submitJoin, visit } from "./steps.ts";

const browser = browserForThisFile();
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");

async function joined(url: string, javaScript: boolean) {
  const watched = await openContext(await browser(), { javaScript });
  const pseudonym = freshPseudonym("Fern");
  await visit(watched.page, javaScript, `${url}/join`);
  await submitJoin(watched.page, javaScript, { pseudonym, passphrase: "soft rain on slate roofs" });
  await watched.page.getByRole("heading", { name: "Your recovery codes", exact: true }).waitFor();
  // Every journey in this file fails on any console error or uncaught exception.
  failOnPageErrors(watched);
  return { ...watched, pseudonym };
}

for (const javaScript of [true, false]) {
  test(`${javaScript ? "JavaScript on" : "JavaScript off"}: thread with a content warning, a reply with a mention, the notification; images removed`, async () => {
    const hearth = await startTestHearth();
    onTestFinished(hearth.close);
    const origin = new URL(hearth.url).origin;
    const a = await joined(hearth.url, javaScript);
    const b = await joined(hearth.url, javaScript);

    // A starts a thread with a content warning.
    await visit(a.page, javaScript, `${hearth.url}/forums`);
    await a.page.getByRole("link", { name: "Support", exact: true }).click();
    await settled(a.page, javaScript);
    await a.page.getByRole("link", { name: "Start a thread", exact: true }).click();
    await settled(a.page, javaScript);
    await a.page.getByLabel("Title", { exact: true }).fill("Threats from an ex");
    await a.page.getByLabel("Content warning (optional)", { exact: true }).fill("describes threats");
    await a.page.getByLabel("Your post", { exact: true }).fill("He says he will post the photos. What can I do?");
    await press(a.page, javaScript, a.page.getByRole("button", { name: "Start thread", exact: true }));
    await a.page.getByRole("heading", { name: "Threats from an ex", exact: true }).waitFor();
    await settled(a.page, javaScript);
    const warning = a.page.locator("details.content-warning > summary").first();
    expect(await warning.innerText()).toBe("Content warning: describes threats");
    expect(await a.page.locator("details.content-warning").first().getAttribute("open")).toBeNull();
    const threadUrl = a.page.url().split("?")[0]!;

    // B replies with a mention.
    await visit(b.page, javaScript, threadUrl);
    await b.page.getByLabel("Your post", { exact: true }).fill(`@${a.pseudonym} you are not alone. StopNCII can help.`);
    await press(b.page, javaScript, b.page.getByRole("button", { name: "Post reply", exact: true }));
    await b.page.getByText("Your reply has been posted.", { exact: true }).waitFor();

    // A sees the notification.
    await visit(a.page, javaScript, `${hearth.url}/notifications`);
    await a.page.getByRole("link", { name: `${b.pseudonym} mentioned you in “Threats from an ex”`, exact: true }).waitFor();
    expect(await a.page.getByRole("banner").getByRole("link", { name: "Notifications (1)", exact: true }).count()).toBe(1);

    // An image in markdown: removed, the member told, nothing fetched.
    await visit(b.page, javaScript, threadUrl);
    await b.page.getByLabel("Your post", { exact: true }).fill("Look ![me](https://images.example.org/me.png) here");
    await press(b.page, javaScript, b.page.getByRole("button", { name: "Post reply", exact: true }));
    // The answer's notice (role=status), not the composer's live preview, which may say the same
    // while the page still shows the form.
    await b.page.getByRole("status").filter({ hasText: "An image was removed from what you wrote" }).first().waitFor();
    expect(await b.page.locator("main img, main svg, main picture").count()).toBe(0);

    // An image chosen as an attachment.
    await visit(b.page, javaScript, threadUrl);
    await b.page.getByLabel("Your post", { exact: true }).fill("My notes are attached");
    await b.page.getByLabel("Attach a text file (optional)", { exact: true }).setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: PNG });
    if (javaScript) {
      // Stopped in the browser before anything is sent.
      await b.page.getByRole("alert").getByText("Images can’t be shared on Hearth", { exact: false }).waitFor();
      expect(await b.page.getByLabel("Attach a text file (optional)", { exact: true }).inputValue()).toBe("");
      // A pasted image is stopped too.
      const pasted = await b.page.getByLabel("Your post", { exact: true }).evaluate((el) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "paste.png", { type: "image/png" }));
        const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
        el.dispatchEvent(event);
        return event.defaultPrevented;
      });
      expect(pasted).toBe(true);
    } else {
      // Without JavaScript the server is the only guard, and says the same thing after the upload.
      await press(b.page, javaScript, b.page.getByRole("button", { name: "Post reply", exact: true }));
      await b.page.getByText("The file you attached is an image, so it was removed and not stored.", { exact: false }).waitFor();
    }

    for (const w of [a, b]) {
      expect(w.foreignRequests(origin)).toEqual([]);
      expect(w.cspViolations()).toEqual([]);
    }
  });
}

test("axe finds no serious or critical problem on the forum pages", async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const a = await joined(hearth.url, true);
  await visit(a.page, true, `${hearth.url}/f/support/new`);
  expect(await runAxe(a.page)).toEqual([]);
  await a.page.getByLabel("Title", { exact: true }).fill("Accessible thread");
  await a.page.getByLabel("Content warning (optional)", { exact: true }).fill("mentions police");
  await a.page.getByLabel("Your post", { exact: true }).fill("Some **words** and a [link](https://example.org)");
  await press(a.page, true, a.page.getByRole("button", { name: "Start thread", exact: true }));
  await a.page.getByRole("heading", { name: "Accessible thread", exact: true }).waitFor();
  await settled(a.page, true);
  const threadUrl = a.page.url();
  for (const path of ["/forums", "/f/support", new URL(threadUrl).pathname, "/notifications"]) {
    await visit(a.page, true, `${hearth.url}${path}`);
    expect(await runAxe(a.page), path).toEqual([]);
  }
});

test("post bodies are sent once in a thread page and survive hydration, blocking and client-side navigation", async () => {
  const hearth = await startTestHearth();
  onTestFinished(hearth.close);
  const a = await joined(hearth.url, true);
  const b = await joined(hearth.url, true);
  await visit(a.page, true, `${hearth.url}/f/support/new`);
  await a.page.getByLabel("Title", { exact: true }).fill("Sent once");
  await a.page.getByLabel("Your post", { exact: true }).fill("First body with **unmistakable-marker-one** in it");
  await press(a.page, true, a.page.getByRole("button", { name: "Start thread", exact: true }));
  await a.page.getByRole("heading", { name: "Sent once", exact: true }).waitFor();
  const threadUrl = a.page.url().split("?")[0]!;
  // Straight after posting (a client-side navigation) the body is there.
  await a.page.locator(".post-body strong", { hasText: "unmistakable-marker-one" }).waitFor();

  // A document load: the body is in the page once, not again in the hydration data.
  const response = await fetch(threadUrl, { headers: { cookie: (await b.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ") } });
  const html = await response.text();
  expect(html.split("unmistakable-marker-one").length - 1).toBe(1);
  await visit(b.page, true, threadUrl);
  await settled(b.page, true);
  const body = b.page.locator(".post-body strong", { hasText: "unmistakable-marker-one" });
  expect(await body.count()).toBe(1);

  // Blocking re-renders the post inside a collapsed block, from revalidated data: still there.
  await b.page.getByRole("button", { name: `Block ${a.pseudonym}`, exact: false }).click();
  await b.page.locator("details.blocked").first().waitFor();
  await b.page.locator("details.blocked > summary").first().click();
  expect(await body.innerText()).toBe("unmistakable-marker-one");
  await b.page.getByRole("button", { name: `Unblock ${a.pseudonym}`, exact: false }).click();
  await b.page.locator("details.blocked").waitFor({ state: "detached" });
  expect(await body.innerText()).toBe("unmistakable-marker-one");

  // Reached by a client-side link from the forum page: the data carries the body.
  await visit(b.page, true, `${hearth.url}/f/support`);
  await settled(b.page, true);
  await b.page.getByRole("link", { name: "Sent once", exact: true }).click();
  await body.waitFor();
  expect(b.errors).toEqual([]);
});
