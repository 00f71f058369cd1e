// An ordinary user's side of the same command: a clone in their own 0700 home directory starts
// with its cluster in ./data/pg, PostgreSQL running as that user, nothing written to
// /var/cache/hearth or /var/lib/hearth. As root (CI) the built server is run as `nobody`, so
// the unprivileged path is covered there too; otherwise it runs as the user running the tests.
import { execFileSync } from "node:child_process";
import { chmod, chown, mkdtemp, realpath, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { relocatedHome } from "#db/embedded/layout.ts";
import { whyUnreachable } from "#db/embedded/reach.ts";
import { copyBuiltHearth, exited, finished, plainEnv, runBuilt, startBuilt, type BuiltRun } from "#tests/helpers/built-copy.ts";

const isRoot = process.getuid?.() === 0;
function nobody(): { uid: number; gid: number } | null {
  try {
    return { uid: Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" })) };
  } catch {
    return null;
  }
}
const user: { uid?: number; gid?: number } | null = isRoot ? nobody() : {};
// As root, `nobody` must be able to run this Node itself (not one installed under /root).
const nodeBlocked =
  isRoot && user?.uid !== undefined ? await whyUnreachable(process.execPath, { name: "nobody", ...user }, { read: true, execute: true }) : null;

const started: BuiltRun[] = [];
const cleanup: string[] = [];
afterAll(async () => {
  for (const run of started) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

test.skipIf(!user || nodeBlocked)(
  "as an ordinary user, the built server starts from a clone in a 0700 home with its data in ./data/pg",
  { timeout: 120_000 },
  async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), "hearth-userhome-"));
    cleanup.push(home);
    const clone = path.join(home, "hearth");
    await copyBuiltHearth(clone);
    // The user owns the home and the clone's top directory (where ./data is made); the hard-linked
    // files stay root's, readable by all, as a package install leaves them.
    if (user?.uid !== undefined) for (const dir of [home, clone]) await chown(dir, user.uid, user.gid!);
    await chmod(home, 0o700);
    const env = plainEnv({ HOME: home });

    const run = await startBuilt(clone, { env, ...user });
    started.push(run);
    const dataDir = await realpath(path.join(clone, "data")).catch(() => path.join(clone, "data"));
    expect(run.out).not.toContain("could not start");
    expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.out).toContain(`The database lives in ${dataDir}/pg.`);
    const health = await fetch(`${run.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, db: "embedded" });
    // PostgreSQL ran as that user, in place, with nothing relocated.
    expect((await stat(path.join(dataDir, "pg", "PG_VERSION"))).uid).toBe(user?.uid ?? process.getuid!());
    await expect(stat(relocatedHome(dataDir))).rejects.toThrow();

    const listed = await finished(runBuilt(clone, "build/admin.js", ["list-members"], { env, ...user }));
    expect(listed).toMatchObject({ code: 0, err: "" });
    run.child.kill("SIGTERM");
    expect(await exited(run.child)).toBe(0);
  },
);
