// Where the cluster of a DATA_DIR lives, for each account: in DATA_DIR unless, as root, the
// postgres user cannot reach it; an existing cluster is never abandoned for a new one.
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { relocatedHome, resolveLayout } from "#db/embedded/layout.ts";

const postgres = { name: "postgres", uid: 65533, gid: 65533 };
const base = await mkdtemp(path.join(os.tmpdir(), "hearth-layout-"));
// mkdtemp makes it 0700; open it so only the directories each test closes are in the way.
await chmod(base, 0o755);
afterAll(() => rm(base, { recursive: true, force: true }));

async function place(name: string, homeMode: number) {
  const home = path.join(base, name);
  const dataDir = path.join(home, "hearth", "data");
  const relocatedRoot = path.join(base, `${name}-var-lib`);
  await mkdir(dataDir, { recursive: true });
  await chmod(home, homeMode);
  return { home, dataDir, relocatedRoot };
}

test("a DATA_DIR the postgres user can reach keeps pg/ and run/ inside it", async () => {
  const { dataDir, relocatedRoot } = await place("open", 0o755);
  expect(await resolveLayout(dataDir, postgres, relocatedRoot)).toEqual({
    dataDir,
    home: dataDir,
    pgDir: `${dataDir}/pg`,
    socketDir: `${dataDir}/run`,
    relocated: false,
  });
});

test("behind a 0700 directory the cluster moves to a place named by the hash of DATA_DIR; not so for this process's own account", async () => {
  const { home, dataDir, relocatedRoot } = await place("closed", 0o700);
  const layout = await resolveLayout(dataDir, postgres, relocatedRoot);
  const elsewhere = relocatedHome(dataDir, relocatedRoot);
  expect(elsewhere).toMatch(new RegExp(`^${relocatedRoot}/[0-9a-f]{16}$`));
  expect(layout).toMatchObject({ dataDir, home: elsewhere, pgDir: `${elsewhere}/pg`, socketDir: `${elsewhere}/run`, relocated: true });
  expect(layout.relocatedBecause).toMatchObject({ blockedAt: home, errno: "EACCES" });
  expect(await resolveLayout(path.join(dataDir, "..", "data"), postgres, relocatedRoot)).toMatchObject({ home: elsewhere });
  expect(await resolveLayout(dataDir, { name: "me" }, relocatedRoot)).toMatchObject({ home: dataDir, relocated: false });
});

test("an existing cluster stays where it is, whichever way reachability changed since", async () => {
  const inPlace = await place("legacy", 0o700);
  await mkdir(path.join(inPlace.dataDir, "pg"));
  await writeFile(path.join(inPlace.dataDir, "pg", "PG_VERSION"), "18\n");
  expect(await resolveLayout(inPlace.dataDir, postgres, inPlace.relocatedRoot)).toMatchObject({ home: inPlace.dataDir, relocated: false });

  const moved = await place("opened-later", 0o700);
  const elsewhere = relocatedHome(moved.dataDir, moved.relocatedRoot);
  await mkdir(path.join(elsewhere, "pg"), { recursive: true });
  await writeFile(path.join(elsewhere, "pg", "PG_VERSION"), "18\n");
  await chmod(moved.home, 0o755);
  expect(await resolveLayout(moved.dataDir, postgres, moved.relocatedRoot)).toMatchObject({ home: elsewhere, relocated: true });
});
