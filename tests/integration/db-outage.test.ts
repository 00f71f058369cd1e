// PostgreSQL going away and coming back: a generic 503 while it is gone, no fail-open, and
// recovery without restarting Hearth (docs/security.md, Durability and faults).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { openDatabase } from "#db/client.ts";
import { startEmbeddedPostgres } from "#db/embedded/server.ts";
import { Browserless, pageText } from "#tests/helpers/http-client.ts";
import { GOOD_PASSPHRASE, uniquePseudonym } from "#tests/helpers/members.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

test("health and sign-in answer 503 generically while the database is down, then recover", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "hearth-outage-"));
  const database = await openDatabase({ dataDir: dir });
  let restarted: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  onTestFinished(async () => {
    await database.close();
    await restarted?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const hearth = await startTestHearth({ database });
  const client = new Browserless(hearth.url);
  const pseudonym = uniquePseudonym();
  expect((await client.post("/join", { pseudonym, password: GOOD_PASSPHRASE, confirmPassword: GOOD_PASSPHRASE })).status).toBe(200);
  const member = client.cookies.get("hearth_session");

  await database.embedded!.stop();
  const down = await client.get("/healthz");
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ ok: false });
  const signIn = await new Browserless(hearth.url).post("/login", { pseudonym, password: GOOD_PASSPHRASE });
  expect(signIn.status).toBe(503);
  const text = pageText(await signIn.text());
  expect(text).toContain("Something went wrong");
  expect(text).not.toMatch(/ECONNREFUSED|ENOENT|at [\w.]+ \(|\.ts:\d+/);
  expect(signIn.headers.getSetCookie()).toEqual([]); // no session handed out: fails closed
  const signedInPage = await client.get("/settings");
  expect(signedInPage.status).toBe(503);
  expect(pageText(await signedInPage.text())).toContain("Something went wrong");

  restarted = await startEmbeddedPostgres({ dataDir: dir });
  expect((await client.get("/healthz")).status).toBe(200);
  const home = await client.get("/");
  expect(pageText(await home.text())).toContain(`Signed in as ${pseudonym}`);
  expect(client.cookies.get("hearth_session")).toBe(member);
});
