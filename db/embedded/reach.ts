// Can the user PostgreSQL runs as reach a path? Asked before initdb and postgres run, so a
// failure names the directory in the way and its errno instead of PostgreSQL's empty exit
// (a 0700 home directory such as /root stops the `postgres` user at its door).
import { access, constants, stat } from "node:fs/promises";
import path from "node:path";

/** The account PostgreSQL's processes run as: its ids when Hearth switches to it, else this process. */
export interface PgAccount {
  name: string;
  uid?: number;
  gid?: number;
}

export interface Need {
  read?: boolean;
  write?: boolean;
  execute?: boolean;
}

export interface Unreachable {
  /** The path that was asked about. */
  target: string;
  /** The path where the walk stopped: an ancestor without search permission, or the target itself. */
  blockedAt: string;
  errno: "EACCES" | "ENOENT" | "ENOTDIR" | string;
  /** What stopped it, e.g. "mode 0700, owner uid 0, gid 0". */
  detail: string;
}

const bits = { read: 4, write: 2, execute: 1 } as const;

function allowed(mode: number, owner: number, group: number, who: Required<Pick<PgAccount, "uid" | "gid">>, want: number) {
  if (who.uid === 0) return true;
  // Node (libuv) drops supplementary groups when it switches uid, so only uid and gid count.
  const shift = owner === who.uid ? 6 : group === who.gid ? 3 : 0;
  return ((mode >> shift) & want) === want;
}

function wanted(need: Need) {
  return (need.read ? bits.read : 0) | (need.write ? bits.write : 0) | (need.execute ? bits.execute : 0);
}

function describeMode(mode: number, uid: number, gid: number) {
  return `mode ${(mode & 0o7777).toString(8).padStart(4, "0")}, owner uid ${uid}, gid ${gid}`;
}

async function check(p: string, want: number, who: PgAccount, isLast: boolean): Promise<Omit<Unreachable, "target"> | null> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "EIO";
    return { blockedAt: p, errno: code, detail: code === "ENOENT" ? "it does not exist" : (err as Error).message };
  }
  if (!isLast && !st.isDirectory()) return { blockedAt: p, errno: "ENOTDIR", detail: "it is not a directory" };
  if (who.uid === undefined) {
    // This process's own account: let the kernel answer, supplementary groups and ACLs included.
    const mode = (want & bits.read ? constants.R_OK : 0) | (want & bits.write ? constants.W_OK : 0) | (want & bits.execute ? constants.X_OK : 0);
    const ok = await access(p, mode).then(
      () => true,
      () => false,
    );
    return ok ? null : { blockedAt: p, errno: "EACCES", detail: describeMode(st.mode, st.uid, st.gid) };
  }
  const ok = allowed(st.mode, st.uid, st.gid, { uid: who.uid, gid: who.gid ?? -1 }, want);
  return ok ? null : { blockedAt: p, errno: "EACCES", detail: describeMode(st.mode, st.uid, st.gid) };
}

/**
 * Walks from `/` to `target`: every ancestor needs search permission, the target what `need`
 * says. Null when the account can reach it.
 */
export async function whyUnreachable(target: string, who: PgAccount, need: Need = {}): Promise<Unreachable | null> {
  const full = path.resolve(target);
  const parts = full.split(path.sep).filter(Boolean);
  let current = path.parse(full).root;
  const steps = [current, ...parts.map((part) => (current = path.join(current, part)))];
  for (const [i, step] of steps.entries()) {
    const isLast = i === steps.length - 1;
    const found = await check(step, isLast ? wanted(need) : bits.execute, who, isLast);
    if (found) return { target: full, ...found };
  }
  return null;
}

function account(who: PgAccount) {
  return who.uid === undefined ? `this user (${who.name})` : `the ${who.name} user (uid ${who.uid})`;
}

/** One line: who cannot reach what, where it stopped, why, and the errno. */
export function unreachableMessage(u: Unreachable, who: PgAccount): string {
  const at = u.blockedAt === u.target ? "" : ` ${u.blockedAt}`;
  const why =
    u.errno === "ENOENT"
      ? `${at || " it"} does not exist`
      : u.errno === "ENOTDIR"
        ? `${at} is not a directory`
        : u.errno === "EACCES"
          ? at
            ? `${at} does not let it pass (${u.detail})`
            : ` permission denied (${u.detail})`
          : `${at || " it"}: ${u.detail}`;
  return `${account(who)} cannot reach ${u.target}:${why} (${u.errno})`;
}
