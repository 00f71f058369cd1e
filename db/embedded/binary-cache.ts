// As root, PostgreSQL runs as the `postgres` user, which often cannot reach node_modules (a clone
// in /root, mode 0700). The package's bin/, lib/ and share/ are then copied to a root-owned cache
// that user can read, keyed and checked by a manifest of SHA-256 hashes, the way Java's
// embedded-postgres extracts its binaries. See docs/decisions/012-embedded-postgres-as-root.md.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { chmod, copyFile, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

export const BINARY_CACHE_ROOT = "/var/cache/hearth";
const PARTS = ["bin", "lib", "share"] as const;
const MANIFEST = "hearth-manifest.json";

export type ManifestEntry = { p: string; t: "d" } | { p: string; t: "f"; m: number; s: number; h: string } | { p: string; t: "l"; to: string };

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Every directory, file (mode, size, SHA-256) and symlink under bin/, lib/ and share/, sorted. */
export async function manifestOf(installDir: string): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  const files: { p: string; abs: string; m: number; s: number }[] = [];
  async function walk(rel: string) {
    const abs = path.join(installDir, rel);
    const st = await lstat(abs);
    if (st.isSymbolicLink()) {
      const to = await readlink(abs);
      // Only links that stay inside the tree are copied; anything else is not PostgreSQL's.
      if (path.isAbsolute(to) || path.normalize(path.join(path.dirname(rel), to)).startsWith(".."))
        throw new Error(`${abs} links outside the PostgreSQL tree (${to})`);
      entries.push({ p: rel, t: "l", to });
    } else if (st.isDirectory()) {
      entries.push({ p: rel, t: "d" });
      for (const name of (await readdir(abs)).sort()) await walk(path.join(rel, name));
    } else if (st.isFile()) {
      files.push({ p: rel, abs, m: st.mode & 0o755, s: st.size });
    }
  }
  for (const part of PARTS) await walk(part);
  // Hash a few files at a time: ~60 MB, read once.
  const hashed = new Map<string, string>();
  for (let i = 0; i < files.length; i += 8) {
    await Promise.all(files.slice(i, i + 8).map(async (f) => hashed.set(f.p, await sha256(f.abs))));
  }
  for (const f of files) entries.push({ p: f.p, t: "f", m: f.m, s: f.s, h: hashed.get(f.p)! });
  return entries.sort((a, b) => (a.p < b.p ? -1 : a.p > b.p ? 1 : 0));
}

export function manifestKey(version: string, manifest: ManifestEntry[]): string {
  const digest = createHash("sha256").update(JSON.stringify(manifest)).digest("hex");
  return `postgresql-${version.replace(/[^0-9A-Za-z.-]/g, "_")}-${digest.slice(0, 16)}`;
}

/** True when `dir` holds exactly what the manifest lists, byte for byte. */
async function matches(dir: string, expected: ManifestEntry[]): Promise<boolean> {
  try {
    const recorded = await readFile(path.join(dir, MANIFEST), "utf8");
    if (recorded !== JSON.stringify(expected)) return false;
    return JSON.stringify(await manifestOf(dir)) === recorded;
  } catch {
    return false;
  }
}

async function copyTree(from: string, to: string, manifest: ManifestEntry[]) {
  for (const entry of manifest) {
    const target = path.join(to, entry.p);
    if (entry.t === "d") await mkdir(target, { mode: 0o755 });
    else if (entry.t === "l") await symlink(entry.to, target);
    else {
      await copyFile(path.join(from, entry.p), target);
      await chmod(target, entry.m);
    }
  }
  for (const entry of manifest) if (entry.t === "d") await chmod(path.join(to, entry.p), 0o755);
  await writeFile(path.join(to, MANIFEST), JSON.stringify(manifest), { mode: 0o644 });
}

/**
 * Makes `dir` (if missing) and checks it is root's alone: whoever could write in the binary cache
 * could swap PostgreSQL's binaries, and in /var/lib/hearth could swap a cluster.
 */
export async function requireRootOnly(dir: string, mode: number) {
  await mkdir(dir, { recursive: true, mode });
  const st = await lstat(dir);
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new Error(
      `${dir} must be a directory owned by root and writable only by root (it is mode ${(st.mode & 0o7777).toString(8).padStart(4, "0")}, owner uid ${st.uid}); fix it or remove it so Hearth can create it`,
    );
  }
  await chmod(dir, mode);
}

/**
 * Returns the directory holding bin/, lib/ and share/ identical to `installDir`'s, copying them
 * on first use. Concurrent starts each copy into their own temporary directory and rename it into
 * place; the loser of the rename uses the winner's copy once it checks out.
 */
export async function cachedInstall(installDir: string, version: string, root = BINARY_CACHE_ROOT): Promise<string> {
  const manifest = await manifestOf(installDir);
  const final = path.join(root, manifestKey(version, manifest));
  // Checked first, every time: in a root others could write, a checked copy could be swapped after the check.
  await requireRootOnly(root, 0o755);
  if (await matches(final, manifest)) return final;
  for (let attempt = 0; attempt < 2; attempt++) {
    // A copy that does not match (a crash mid-write cannot leave one: it is renamed only when
    // complete; a damaged or altered one can) is moved aside and removed, then copied anew.
    if (
      await lstat(final).then(
        () => true,
        () => false,
      )
    ) {
      if (await matches(final, manifest)) return final;
      const aside = `${final}.bad-${process.pid}-${Date.now()}`;
      await rename(final, aside).catch(() => undefined);
      await rm(aside, { recursive: true, force: true });
    }
    const temp = await mkdtemp(path.join(root, `.tmp-${path.basename(final)}-`));
    try {
      await copyTree(installDir, temp, manifest);
      await chmod(temp, 0o755);
      await rename(temp, final);
      return final;
    } catch (err) {
      await rm(temp, { recursive: true, force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "EEXIST" && code !== "ENOTEMPTY") throw err;
      if (await matches(final, manifest)) return final;
    }
  }
  throw new Error(`Could not prepare PostgreSQL's binaries in ${final}: the copy there keeps differing from ${installDir}`);
}
