// The security headers as real Chromium reads them: the Permissions-Policy names only features
// this Chromium knows (an unknown one is a console error on every page), and no page logs a
// header error, with JavaScript on or off.
import { expect, test } from "vitest";
import { startTestHearth } from "#tests/helpers/server.ts";
import { browserForThisFile, openContext } from "./browser.ts";

const browser = browserForThisFile();
const hearth = await startTestHearth();

test("no page logs a Permissions-Policy error in Chromium", async () => {
  for (const javaScript of [true, false]) {
    const watched = await openContext(await browser(), { javaScript });
    const messages: string[] = [];
    watched.page.on("console", (m) => messages.push(`${m.type()}: ${m.text()}`));
    for (const path of ["/", "/join", "/forums", "/no/such/page"]) {
      const res = await watched.page.goto(`${hearth.url}${path}`, { waitUntil: "load" });
      expect(res?.headers()["permissions-policy"]).toMatch(/camera=\(\)/);
    }
    await watched.page.waitForTimeout(300);
    // Chromium reports these as warnings or errors depending on the version: any type counts.
    expect(messages.filter((m) => /Permissions-Policy|Unrecognized feature|Feature Policy/i.test(m))).toEqual([]);
    // The only error is the 404 page's own status.
    expect(watched.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  }
});
