// Every failure of initdb or PostgreSQL's start says why in one line: the path that cannot be
// reached and its errno, or how the program ended and what it said. Never an empty reason.
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";
import { postgresBinaries } from "#db/embedded/binaries.ts";
import { failureLine, type ChildFailure } from "#db/embedded/pg-failure.ts";
import { unreachableMessage, whyUnreachable } from "#db/embedded/reach.ts";
import { startEmbeddedPostgres } from "#db/embedded/server.ts";

const stranger = { name: "postgres", uid: 65533, gid: 65533 };
const base = await mkdtemp(path.join(os.tmpdir(), "hearth-reach-"));
// mkdtemp makes it 0700; open it so only the directories each test closes are in the way.
await chmod(base, 0o755);
afterAll(() => rm(base, { recursive: true, force: true }));
const oneLine = (s: string) => expect(s).not.toMatch(/[\r\n]/);

test("a directory in the way is named with its mode, owner and EACCES", async () => {
  const home = path.join(base, "home");
  await mkdir(path.join(home, "hearth/node_modules"), { recursive: true });
  await chmod(home, 0o700);
  const target = path.join(home, "hearth/node_modules");
  const blocked = await whyUnreachable(target, stranger, { read: true, execute: true });
  expect(blocked).toMatchObject({ target, blockedAt: home, errno: "EACCES" });
  const message = unreachableMessage(blocked!, stranger);
  oneLine(message);
  expect(message).toBe(
    `the postgres user (uid 65533) cannot reach ${target}: ${home} does not let it pass (mode 0700, owner uid ${process.getuid!()}, gid ${process.getgid!()}) (EACCES)`,
  );
  await chmod(home, 0o711);
  expect(await whyUnreachable(target, stranger, { read: true, execute: true })).toBeNull();
});

test("a missing directory, a file in the path and a file without permission each give their errno", async () => {
  const missing = await whyUnreachable(path.join(base, "nowhere/pg"), stranger);
  expect(unreachableMessage(missing!, stranger)).toBe(`the postgres user (uid 65533) cannot reach ${base}/nowhere/pg: ${base}/nowhere does not exist (ENOENT)`);
  const file = path.join(base, "plain-file");
  await writeFile(file, "x", { mode: 0o600 });
  const notDir = await whyUnreachable(path.join(file, "pg"), stranger);
  expect(unreachableMessage(notDir!, stranger)).toBe(`the postgres user (uid 65533) cannot reach ${file}/pg: ${file} is not a directory (ENOTDIR)`);
  const denied = await whyUnreachable(file, stranger, { read: true });
  expect(unreachableMessage(denied!, stranger)).toMatch(
    new RegExp(`cannot reach ${file}: permission denied \\(mode 0600, owner uid \\d+, gid \\d+\\) \\(EACCES\\)$`),
  );
  // This process's own account is asked of the kernel itself.
  expect(await whyUnreachable(file, { name: "me" }, { read: true })).toBeNull();
});

test("a child that could not run, was killed or printed only on stdout still says why", () => {
  const cases: [ChildFailure, string][] = [
    [{ code: "EACCES", path: "/x/bin/initdb", stdout: "", stderr: "" }, "initdb failed in /d/pg: could not run /x/bin/initdb (EACCES)"],
    [
      { code: 1, stdout: 'initdb: error: directory "/d/pg" exists but is not empty\n', stderr: "" },
      'initdb failed in /d/pg: exit code 1: initdb: error: directory "/d/pg" exists but is not empty',
    ],
    [{ code: null, signal: "SIGKILL", stdout: "", stderr: "" }, "initdb failed in /d/pg: killed by SIGKILL (no output)"],
    [
      {
        code: 1,
        stderr:
          'LOG:  starting\n2026-01-01 FATAL:  data directory "/d/pg" has wrong ownership\nHINT:  The server must be started by the user that owns the data directory.\n',
      },
      'initdb failed in /d/pg: exit code 1: 2026-01-01 FATAL:  data directory "/d/pg" has wrong ownership',
    ],
    [{}, "initdb failed in /d/pg: it stopped without an exit code (no output)"],
  ];
  for (const [failure, expected] of cases) {
    const line = failureLine("initdb failed in /d/pg", "/x/bin/initdb", failure);
    oneLine(line);
    expect(line).toBe(expected);
  }
});

test("the real initdb's own message reaches the line", async () => {
  const bin = await postgresBinaries();
  const file = path.join(base, "not-a-dir");
  await writeFile(file, "");
  // As root initdb refuses to run at all; otherwise it cannot create a directory inside a file.
  const err = await promisify(execFile)(bin.initdb, [`--pgdata=${file}/pg`]).then(
    () => null,
    (e: ChildFailure) => e,
  );
  const line = failureLine(`initdb failed in ${file}/pg`, bin.initdb, err!);
  oneLine(line);
  expect(line).toMatch(/: exit code 1: initdb: error: \S/);
});

test.skipIf(process.getuid?.() !== 0)(
  "as root, a cluster already in a DATA_DIR the postgres user cannot reach is refused in one line, not replaced",
  async () => {
    const home = path.join(base, "roothome");
    const dataDir = path.join(home, "hearth/data");
    await mkdir(path.join(dataDir, "pg"), { recursive: true });
    await writeFile(path.join(dataDir, "pg", "PG_VERSION"), "18\n");
    await chmod(home, 0o700);
    const failed = await startEmbeddedPostgres({ dataDir }).then(
      () => null,
      (e: Error) => e.message,
    );
    oneLine(failed!);
    expect(failed).toMatch(
      new RegExp(
        `^PostgreSQL cannot start in ${dataDir}/pg: the postgres user \\(uid \\d+\\) cannot reach ${dataDir}/pg: ${home} does not let it pass \\(mode 0700, owner uid 0, gid 0\\) \\(EACCES\\)$`,
      ),
    );
    await expect(readFile(path.join(dataDir, "pg", "PG_VERSION"), "utf8")).resolves.toBe("18\n");
  },
);
