// A copy of the built Hearth in a directory of the test's choosing, run with plain `node` as
// `npm start` runs it. Files are hard links (fast, and unlike symlinks their paths stay inside
// the copy, so whoever cannot enter the copy's parent cannot reach them: node_modules'
// PostgreSQL binaries included).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const PARTS = ["package.json", "build", "db/migrations", "node_modules"];

export async function copyBuiltHearth(to: string) {
  await mkdir(path.join(to, "db"), { recursive: true });
  for (const part of PARTS) {
    const linked = spawnSync("cp", ["-al", path.join(ROOT, part), path.join(to, part)]);
    if (linked.status !== 0) await cp(path.join(ROOT, part), path.join(to, part), { recursive: true, verbatimSymlinks: true });
  }
}

export interface BuiltRun {
  child: ChildProcess;
  url?: string;
  out: string;
  code?: number | null;
}

/** An environment without the caller's DATA_DIR, DATABASE_URL or REDIS_URL: defaults apply. */
export function plainEnv(extra: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !["DATA_DIR", "DATABASE_URL", "REDIS_URL", "TRUST_PROXY", "PUBLIC_ORIGIN"].includes(k)) env[k] = v;
  return { ...env, NODE_ENV: "production", PORT: "0", LOG_LEVEL: "warn", ...extra };
}

export function runBuilt(
  cwd: string,
  script: "build/hearth.js" | "build/admin.js",
  args: string[],
  opts: { env: Record<string, string>; uid?: number; gid?: number; stdin?: string },
): ChildProcess {
  const child = spawn(process.execPath, [script, ...args], { cwd, env: opts.env, uid: opts.uid, gid: opts.gid });
  child.stdin?.end(opts.stdin ?? "");
  return child;
}

/** Starts build/hearth.js; resolves once it prints its address and the admin hint, or exits. */
export function startBuilt(
  cwd: string,
  opts: { env: Record<string, string>; uid?: number; gid?: number; track?: (child: ChildProcess) => void },
): Promise<BuiltRun> {
  const child = runBuilt(cwd, "build/hearth.js", [], opts);
  opts.track?.(child);
  let out = "";
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      out += d;
      const url = out.match(/Hearth is running at (http:\/\/\S+)/)?.[1];
      if (url && out.includes("npm run admin")) resolve({ child, url, out });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ child, out, code }));
  });
}

export function finished(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (err += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.on("close", resolve)));
