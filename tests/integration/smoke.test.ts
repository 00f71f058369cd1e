import { expect, test } from "vitest";
import { Browserless } from "#tests/helpers/http-client.ts";
import { startTestHearth } from "#tests/helpers/server.ts";

test("a fresh Hearth answers its health check and its home page", async () => {
  const hearth = await startTestHearth();
  const client = new Browserless(hearth.url);
  const health = await client.get("/healthz");
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true, db: hearth.database.kind });
  const home = await client.get("/");
  expect(home.status).toBe(200);
  expect(await home.text()).toContain("Welcome to Hearth");
});
