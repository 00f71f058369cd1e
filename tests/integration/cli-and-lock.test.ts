// The built production entry and admin CLI as an operator runs them: plain `node`, a fresh
// DATA_DIR, the embedded PostgreSQL started and stopped by Hearth itself.
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { runAdmin, startBuiltServer } from "#tests/helpers/built-hearth.ts";
import { Browserless } from "#tests/helpers/http-client.ts";

const dataDir = await mkdtemp(path.join(os.tmpdir(), "hearth-cli-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const env = { ...process.env, DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "" };
const admin = (args: string[], stdin = "") => runAdmin(env, args, stdin);
const server = () => startBuiltServer(env);

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("close", resolve)));

test("the admin CLI works with Hearth stopped, then running; a second server on one DATA_DIR refuses", { timeout: 180_000 }, async () => {
  const made = await admin(["create-member", "Fernwood"], "gentle rain on the roof\ngentle rain on the roof\n");
  expect(made.err).toBe("");
  expect(made.code).toBe(0);
  expect(made.out).toContain('Created member "Fernwood"');
  expect(made.out.match(/^ {2}[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/gm)).toHaveLength(10);

  const mismatch = await admin(["create-member", "Otherone"], "gentle rain on the roof\ngentle rain on the roo\n");
  expect(mismatch.code).toBe(1);
  expect(mismatch.err).toContain("The two passphrases do not match.");
  const taken = await admin(["create-member", "fernwood"], "another fine passphrase\nanother fine passphrase\n");
  expect(taken.err).toContain("That pseudonym cannot be used");

  expect((await admin(["set-role", "Fernwood", "admin"])).out).toContain('"Fernwood" is now admin.');
  expect((await admin(["set-role", "Fernwood", "emperor"])).code).toBe(1);
  expect((await admin(["set-role", "Nobodyhere", "admin"])).err).toContain("No member has that pseudonym.");

  expect((await admin(["forum-visibility", "introductions", "public"])).out).toContain('Forum "introductions" is now public');
  expect((await admin(["forum-visibility", "no-such-forum", "public"])).err).toContain("No forum has that slug.");
  expect((await admin(["forum-visibility", "support", "everyone"])).code).toBe(2);

  const first = await server();
  const visitorForums = await (await fetch(`${first.url ?? ""}/forums`)).text();
  expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(first.out).toContain("npm run admin -- create-member");
  expect(visitorForums).toContain("Introductions");
  expect(visitorForums).not.toContain("Wellbeing");
  expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ ok: true, db: "embedded" });

  const second = await server();
  expect(second.code).toBe(1);
  expect(second.out).toContain(`Another Hearth server (pid ${first.child.pid}) is already running`);

  // Fernwood tries to post an image: it is removed, and the admin CLI counts the attempt.
  const fernwood = new Browserless(first.url!);
  expect((await fernwood.post("/login", { pseudonym: "Fernwood", password: "gentle rain on the roof" })).status).toBe(302);
  const form = await (await fernwood.get("/f/support/new")).text();
  const idempotencyKey = form.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  const posted = await fernwood.post("/f/support/new", {
    idempotencyKey,
    intent: "post",
    contentWarning: "",
    title: "Hello",
    body: "Me ![x](https://example.org/x.png)",
  });
  expect(posted.status).toBe(302);
  const removals = await admin(["removals", "7"]);
  expect(removals).toMatchObject({ code: 0, err: "" });
  expect(
    removals.out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line)),
  ).toEqual([{ pseudonym: "Fernwood", removals: 1 }]);
  expect((await admin(["removals", "forever"])).code).toBe(2);

  const listed = await admin(["list-members"]);
  expect(listed.code).toBe(0);
  const rows = listed.out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(rows).toEqual([expect.objectContaining({ pseudonym: "Fernwood", role: "admin", status: "active" })]);

  first.child.kill("SIGTERM");
  expect(await exited(first.child)).toBe(0);
  await expect(readFile(path.join(dataDir, "pg", "postmaster.pid"))).rejects.toThrow();
  await expect(readFile(path.join(dataDir, "hearth.lock"))).rejects.toThrow();
});

test("after a crash (kill -9) Hearth takes over the stale lock and PostgreSQL, and starts", async () => {
  const crashed = await server();
  expect(crashed.url).toBeDefined();
  crashed.child.kill("SIGKILL");
  await exited(crashed.child);
  const again = await server();
  expect(again.out).not.toContain("could not start");
  expect(again.url).toBeDefined();
  expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
  again.child.kill("SIGINT");
  expect(await exited(again.child)).toBe(0);
});

test("bad configuration stops Hearth with a clear message and no stack trace", async () => {
  const { code, out: err } = await startBuiltServer({ ...env, PORT: "eighty" });
  expect(code).toBe(1);
  expect(err).toContain('PORT: must be a whole number from 0 to 65535 (got "eighty")');
  expect(err).not.toMatch(/\n\s+at /);
});

test("inspect and render print one JSON line per file, as docs/architecture.md's contract says", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "hearth-inspect-"));
  try {
    const { writeFile } = await import("node:fs/promises");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
    await writeFile(path.join(dir, "holiday.txt"), Buffer.concat([Buffer.from("prefix garbage "), png]));
    await writeFile(path.join(dir, "notes.md"), "# 今天\n\nA *quiet* day. <script>alert(1)</script> [x](javascript:alert(1))\n");
    await writeFile(path.join(dir, "form.pdf"), "%PDF-1.7\n%\u00e2\u00e3\n");
    const files = ["holiday.txt", "notes.md", "form.pdf"].map((f) => path.join(dir, f));
    const inspected = await admin(["inspect", ...files]);
    expect(inspected.code).toBe(0);
    const lines = inspected.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { file: files[0], verdict: "image", format: "png" },
      { file: files[1], verdict: "text", format: "markdown" },
      expect.objectContaining({ file: files[2], verdict: "rejected", format: "pdf" }),
    ]);
    const rendered = await admin(["render", files[1]!]);
    const { html } = JSON.parse(rendered.out);
    expect(html).toContain("<h3>今天</h3>"); // member headings sit below the page's own
    expect(html).toContain("<em>quiet</em>");
    expect(html).not.toMatch(/<script|javascript:.*href|href="javascript/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
