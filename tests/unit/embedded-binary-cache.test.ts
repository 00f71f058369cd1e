// The root-owned copy of PostgreSQL's binaries: two starts at once end with one complete copy,
// and a copy whose bytes differ from the package's is replaced before use.
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { cachedInstall, manifestOf } from "#db/embedded/binary-cache.ts";
import { installOf, postgresBinaries } from "#db/embedded/binaries.ts";

const base = await mkdtemp(path.join(os.tmpdir(), "hearth-bincache-"));
afterAll(() => rm(base, { recursive: true, force: true }));

test.skipIf(process.getuid?.() !== 0)(
  "concurrent copies meet in one checked directory; an altered copy is made anew; a cache others can write is refused",
  { timeout: 60_000 },
  async () => {
    const { installDir, version } = await installOf(await postgresBinaries());
    const root = path.join(base, "cache");
    const [a, b] = await Promise.all([cachedInstall(installDir, version, root), cachedInstall(installDir, version, root)]);
    expect(a).toBe(b);
    expect(path.basename(a)).toMatch(new RegExp(`^postgresql-${version.replace(/\./g, "\\.")}-[0-9a-f]{16}$`));
    expect(await readdir(root)).toEqual([path.basename(a)]); // no temporary directory left behind
    expect(await manifestOf(a)).toEqual(await manifestOf(installDir));

    const initdb = path.join(a, "bin", "initdb");
    await chmod(initdb, 0o755);
    await writeFile(initdb, "#!/bin/sh\necho swapped\n");
    expect(await cachedInstall(installDir, version, root)).toBe(a);
    expect(await readFile(initdb)).toEqual(await readFile(path.join(installDir, "bin", "initdb")));

    // A cache root others can write is refused, even with a good copy in it.
    await chmod(root, 0o777);
    await expect(cachedInstall(installDir, version, root)).rejects.toThrow(
      `${root} must be a directory owned by root and writable only by root (it is mode 0777, owner uid 0)`,
    );
  },
);
